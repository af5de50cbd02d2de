/**
 * The pass over the finished panel that needs every row at once: duplicates (one row per
 * report, chosen by a documented rule) and the links between an agency's consecutive years
 * with the cross-year identity checked. It reads panel.csv as written, so what it decides is
 * exactly what a researcher loading panel.csv would see.
 *
 * The cross-year identity: year y's 上年结转 (`requests.carriedOver.*`) equals year y−1's
 * 结转下年度继续办理 (`requests.carriedForward.*`), per applicant column. One report alone
 * cannot show a misread there; two years can.
 */
import { APPLICANT_COLUMNS } from "../templates/grid.js";
import { COLUMN_BY_PATH, NUMERIC_COLUMNS } from "./panel.js";

/** Why two panel rows are one report. */
export type DuplicateReason = "same-bytes" | "same-agency-year";

/** `duplicates.csv`'s header: every member of a duplicate group, the kept one marked. */
export const DUPLICATES_HEADER = ["group", "report_id", "archive", "member", "sha256", "agency_key", "year", "reason", "kept", "kept_report_id"] as const;

/** `links.csv`'s header: one row per applicant column of each consecutive-year pair. */
export const LINKS_HEADER = ["agency_key", "year_from", "report_from", "year_to", "report_to", "column", "carried_forward_from", "carried_over_to", "status"] as const;

/** What the pass decided. */
export interface PanelPass {
  /** report_ids of rows that are not kept (duplicates of a kept row). */
  dropped: Set<string>;
  /** Rows of duplicates.csv. */
  duplicates: string[][];
  /** Rows of links.csv. */
  links: string[][];
  /** Link rows by status, for summary.json. */
  linkCounts: { pass: number; fail: number; incomplete: number };
}

/** Index of each named column in the panel header; throws when one is missing (a bug). */
function columns(header: readonly string[], names: readonly string[]): number[] {
  return names.map((n) => {
    const i = header.indexOf(n);
    if (i < 0) throw new Error(`zfxxgk: panel.csv has no column ${n}`);
    return i;
  });
}

/**
 * Decides duplicates and links over the panel's rows (`header` + data rows as parsed).
 *
 * Duplicates: rows with the same sha256, or the same agency_key and year (both present), are
 * one group (transitively). The kept row is the one with the fewest error diagnostics, then
 * the most numeric values read, then the first seen. Links are drawn between kept rows only.
 */
export function panelPass(header: readonly string[], rows: readonly string[][]): PanelPass {
  const [id, archive, member, sha, key, year, errors] = columns(header, ["report_id", "archive", "member", "sha256", "agency_key", "year", "n_errors"]);
  const numeric = columns(header, NUMERIC_COLUMNS.map((c) => c.name));
  const values = (r: readonly string[]) => numeric.reduce((n, i) => n + (r[i] !== "" ? 1 : 0), 0);

  // Union-find over row indexes: same bytes, or same agency and year.
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const reason = new Map<number, DuplicateReason>();
  const join = (a: number, b: number, why: DuplicateReason) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
    if (!reason.has(b)) reason.set(b, why);
  };
  const firstBy = new Map<string, number>();
  rows.forEach((r, i) => {
    const bytes = r[sha!] ?? "";
    if (bytes !== "") {
      const seen = firstBy.get(`b:${bytes}`);
      if (seen === undefined) firstBy.set(`b:${bytes}`, i);
      else join(seen, i, "same-bytes");
    }
    if ((r[key!] ?? "") !== "" && (r[year!] ?? "") !== "") {
      const k = `k:${r[key!]}\u0000${r[year!]}`;
      const seen = firstBy.get(k);
      if (seen === undefined) firstBy.set(k, i);
      else join(seen, i, "same-agency-year");
    }
  });
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  });

  const dropped = new Set<string>();
  const duplicates: string[][] = [];
  let group = 0;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    group++;
    const why = members.map((i) => reason.get(i)).find((r) => r !== undefined) ?? "";
    const keep = [...members].sort((a, b) => Number(rows[a]![errors!]) - Number(rows[b]![errors!]) || values(rows[b]!) - values(rows[a]!) || a - b)[0]!;
    for (const i of members) {
      const r = rows[i]!;
      if (i !== keep) dropped.add(r[id!]!);
      duplicates.push([String(group), r[id!]!, r[archive!]!, r[member!]!, r[sha!]!, r[key!]!, r[year!]!, reason.get(i) ?? why, i === keep ? "1" : "0", rows[keep]![id!]!]);
    }
  }

  // Links: kept rows by agency key, consecutive years only (a missing year breaks the chain).
  const carried = APPLICANT_COLUMNS.map((c) => ({
    column: c.key,
    over: header.indexOf(COLUMN_BY_PATH.get(`requests.carriedOver.${c.key}`)!),
    forward: header.indexOf(COLUMN_BY_PATH.get(`requests.carriedForward.${c.key}`)!),
  }));
  const byAgency = new Map<string, Map<number, readonly string[]>>();
  for (const r of rows) {
    if (dropped.has(r[id!]!) || (r[key!] ?? "") === "" || !/^\d{4}$/.test(r[year!] ?? "")) continue;
    const years = byAgency.get(r[key!]!) ?? new Map<number, readonly string[]>();
    years.set(Number(r[year!]), r);
    byAgency.set(r[key!]!, years);
  }
  const links: string[][] = [];
  const linkCounts = { pass: 0, fail: 0, incomplete: 0 };
  for (const [agency, years] of [...byAgency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const y of [...years.keys()].sort((a, b) => a - b)) {
      const from = years.get(y - 1);
      if (!from) continue;
      const to = years.get(y)!;
      for (const c of carried) {
        const forward = c.forward >= 0 ? (from[c.forward] ?? "") : "";
        const over = c.over >= 0 ? (to[c.over] ?? "") : "";
        const status = forward === "" || over === "" ? "incomplete" : Number(forward) === Number(over) ? "pass" : "fail";
        linkCounts[status]++;
        links.push([agency, String(y - 1), from[id!]!, String(y), to[id!]!, c.column, forward, over, status]);
      }
    }
  }
  return { dropped, duplicates, links, linkCounts };
}
