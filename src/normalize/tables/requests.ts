/**
 * The reader of table 三 (依申请): rows of applications received and how they were handled,
 * each with one value per applicant column, identified by their labels within row groups.
 */
import type { Heading, HeadingMarker, Position, TableCell } from "../../ast/types.js";
import type { Requests, Template } from "../../model/types.js";
import { readMarker } from "../../lexer/markers.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import { childPath, clip, type NormalizeContext } from "../context.js";
import type { ShortRow } from "../short-rows.js";
import { TextMemo } from "../../text/memo.js";
import { hasPhrase as has, normalizedPhrases, PhraseIndex } from "../../text/phrases.js";
import { normalizeLabel } from "../../text/labels.js";
import { APPLICANT_COLUMNS, REQUEST_GROUPS, REQUEST_ROWS, type Family, type RequestGroup, type RequestRowDef } from "../../templates/grid.js";
import { namesTableRow } from "./parts.js";
import { getPath, setPath } from "./paths.js";
import { reportMissingRow, type TableReader } from "./reader.js";
import { core, fit, REQUESTS_SHAPE, shortCells, type RowView } from "./row-view.js";

/** `requests.<row>` and `requests.<row>.<column>` of every row of a list, built once per list. */
const REQUEST_ROW_PATHS = new WeakMap<readonly RequestRowDef[], Array<{ path: string; columns: string[] }>>();

/** {@link REQUEST_ROW_PATHS} of a row list: every row read of every report writes under these paths. */
export function requestRowPaths(defs: readonly RequestRowDef[]): Array<{ path: string; columns: string[] }> {
  let paths = REQUEST_ROW_PATHS.get(defs);
  if (paths === undefined) {
    paths = defs.map((d) => {
      const path = childPath("requests", d.path);
      return { path, columns: APPLICANT_COLUMNS.map((c) => childPath(path, c.key)) };
    });
    REQUEST_ROW_PATHS.set(defs, paths);
  }
  return paths;
}

/** What a label of 三 names, from its (normalised) text alone: the reader's state then picks among the rows found. */
export interface RequestLabel {
  /** Its ordinal marker (`（三）`, `1.`), if any. */
  marker: HeadingMarker | null;
  /** Indices into REQUEST_ROWS of the rows whose phrases it holds (marker stripped), in template order. */
  hits: number[];
  /** The row group whose phrases it holds (`（三）不予公开`), if any. */
  group: RequestGroup | null;
}

/** The phrases of every row of 三, indexed for one scan per label. */
const REQUEST_ROW_PHRASES = new PhraseIndex(REQUEST_ROWS.map((d) => normalizedPhrases(d.phrases)));
/** The normalised phrases of each `exact` row (matched by equality), null for the others. */
const EXACT_PHRASES = REQUEST_ROWS.map((d) => (d.exact ? normalizedPhrases(d.phrases) : null));

/** The {@link RequestLabel} of a label: a label of 三 may hold a marker, row phrases and a group phrase at once. */
export function readRequestLabel(label: string): RequestLabel {
  const hits: number[] = [];
  const marker = readMarker(label);
  const body = core(label, marker);
  const contained = REQUEST_ROW_PHRASES.hits(body);
  for (let i = 0; i < REQUEST_ROWS.length; i++) {
    const exact = EXACT_PHRASES[i];
    const hit = exact ? exact.includes(body) : contained[i] === 1;
    if (hit) hits.push(i);
  }
  const group = REQUEST_GROUPS.find((grp) => has(label, grp.phrases))?.key ?? null;
  return { marker, hits, group };
}

/**
 * {@link readRequestLabel}, remembered across rows and reports: each row asks it of every
 * label, `match` again while realigning, and the answer depends on the text alone; the
 * reader's state (group, rows filled) is then applied to the few rows found.
 */
const REQUEST_LABELS = new TextMemo(readRequestLabel);
const requestLabel = (label: string): RequestLabel => REQUEST_LABELS.get(label);

/**
 * Reads table 三 (依申请): rows named by phrases that recur across row groups, so the group a
 * row is in (from group labels and headings) decides between rows that share a phrase.
 */
export class RequestsReader implements TableReader<Requests> {
  /** Both shapes of （六）其他处理 are matched; the rows seen (or the template) pick one. */
  private readonly defs: RequestRowDef[] = REQUEST_ROWS;
  private readonly model: Record<string, unknown> = {};
  private readonly filled = new Set<string>();
  private group: RequestGroup | null = null;
  private cursor = -1;
  private headerCells: TableCell[] = [];
  private headerChecked = false;
  /** Pipe-less rows short of values, placed by the identities once the report is read. */
  readonly short: ShortRow[] = [];
  private seen = false;
  /** Where the last row of the table was, to place diagnostics about rows never seen. */
  private lastRow: Position | null = null;
  /** Model paths of each row and of its applicant columns, by row index. */
  private readonly paths = requestRowPaths(this.defs);

  constructor(
    private readonly ctx: NormalizeContext,
    readonly template: Template,
  ) {}

  /**
   * Which shape of （六）其他处理 the table has: the one whose rows it printed, else the
   * detected template's (2021 when the template is not known).
   */
  private variant(): Family {
    for (const d of this.defs) if (d.variant && this.filled.has(d.path)) return d.variant;
    return this.template === "2019" ? "2019" : "2021";
  }

  private inVariant(d: RequestRowDef): boolean {
    return d.variant === undefined || d.variant === this.variant();
  }

  /**
   * A heading inside table 三 (markdown conversions print `### （三）不予公开` above each row
   * group): a group heading opens that group. Returns true when the heading belongs here.
   */
  heading(h: Heading): boolean {
    const t = normalizeLabel(h.value);
    const g = REQUEST_GROUPS.find((grp) => has(t, grp.phrases));
    if (g) this.group = g.key;
    else if (h.marker.style === "paren-chinese" && h.marker.ordinal === 6 && t.startsWith("其他")) this.group = "otherHandling";
    else if (h.marker.style === "paren-chinese" || h.marker.style === "chinese") this.group = null;
    return g !== undefined || namesTableRow(h.value) || t.startsWith("其他");
  }

  row(v: RowView): void {
    this.seen = true;
    this.lastRow = v.row.position;
    if (!v.hasNumbers && (v.values.length === 0 || this.filled.size === 0) && this.cursor < 0) {
      // Header rows: 申请人情况 / 自然人 / 法人或其他组织 / 商业企业 …
      this.headerCells.push(...v.labels);
      return;
    }
    // A row of three or more labels and no number is a header repeated (or invented by a
    // converter) inside the table, never a data row; its labels must not open a group.
    if (!v.hasNumbers && v.labels.length >= 3) return;
    if (!this.headerChecked) this.checkHeader(v.row.position);
    v = this.realign(v);

    // Group context: a group label cell opens a group; a top-level row closes it.
    for (const n of v.norm) {
      const g = requestLabel(n).group;
      if (g !== null) this.group = g;
    }
    const label = v.norm[v.norm.length - 1] ?? "";
    const { marker, group } = requestLabel(label);
    const isGroupLabel = group !== null;
    if (!isGroupLabel && marker && marker.style !== "arabic" && marker.style !== "paren-arabic") this.group = null;
    // A group label on a line of its own (`（六）其他处理` above its 2021 sub-rows) holds no values.
    if (isGroupLabel && v.values.length === 0) return;

    let index = this.match(label, isGroupLabel);
    let assumed = false;
    if (index < 0) {
      if (v.values.length === 0 && !v.hasNumbers) return; // a label-only row, e.g. 三、本年度办理结果 on its own
      index = this.cursor + 1;
      while (index < this.defs.length && !this.inVariant(this.defs[index]!)) index++;
      assumed = true;
      if (index >= this.defs.length) {
        this.ctx.report(
          DiagnosticCodes.unknownRow,
          `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` matches no row of 三; its values are not in the model (无法识别的行)`,
          v.row.position,
          "requests",
        );
        return;
      }
    }
    const def = this.defs[index]!;
    const { path, columns: columnPaths } = this.paths[index]!;
    if (assumed) {
      // A row placed by position alone is a guess about the numbers themselves: a warning.
      this.ctx.report(
        DiagnosticCodes.labelGuessed,
        `row label \`${clip(v.labels.map((c) => c.value).join(" / ") || "(none)")}\` not recognised; read as ${def.label} from its place in the table (行标签无法识别，按位置认定)`,
        v.labels[v.labels.length - 1]?.position ?? v.row.position,
        path,
      );
    }
    if (this.filled.has(def.path)) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    if (def.variant && !this.inVariant(def)) {
      this.ctx.report(
        DiagnosticCodes.templateMixed,
        `table 三 has both shapes of （六）其他处理 (the 2021 sub-rows and the single 2019 row); row ${def.label} is kept as written (（六）其他处理的两种格式同时出现)`,
        v.row.position,
        path,
      );
    }
    this.filled.add(def.path);
    this.cursor = Math.max(this.cursor, index);
    const short = shortCells(v, APPLICANT_COLUMNS.length);
    if (short && short.length > 0) {
      const obj: Record<string, number | null> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, null]));
      setPath(this.model, def.path, obj);
      const label = v.labels.map((c) => c.value).join(" / ");
      this.short.push({ set: (i, value) => (obj[APPLICANT_COLUMNS[i]!.key] = value), paths: columnPaths, cells: short, path, label, position: v.row.position });
      return;
    }
    const cells = fit(this.ctx, v, APPLICANT_COLUMNS.length, path, REQUESTS_SHAPE);
    const obj: Record<string, number | null> = {};
    APPLICANT_COLUMNS.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i]!, columnPaths[i]!);
    });
    setPath(this.model, def.path, obj);
  }

  /**
   * A value cell that is not a number (`约30` in the first column) looks like one more
   * label. When an earlier label cell names a row and taking the cells after it gives
   * exactly the seven values, those cells are the values: the bad one is then flagged as
   * unparseable instead of shifting the row.
   */
  private realign(v: RowView): RowView {
    if (v.labels.length < 2 || this.match(v.norm[v.norm.length - 1]!, false) >= 0) return v;
    for (let j = v.labels.length - 2; j >= 0; j--) {
      if (this.match(v.norm[j]!, false) < 0) continue;
      const values = [...v.labels.slice(j + 1), ...v.values];
      const filled = values.filter((c) => c.value !== "" || !c.ambiguous).length;
      if (filled !== APPLICANT_COLUMNS.length) return v;
      return { ...v, labels: v.labels.slice(0, j + 1), norm: v.norm.slice(0, j + 1), values };
    }
    return v;
  }

  /** The template row a label names, preferring rows of the current group; -1 if none. */
  private match(label: string, isGroupLabel: boolean): number {
    const pick = (strictGroup: boolean) => {
      let best = -1;
      for (const i of requestLabel(label).hits) {
        const d = this.defs[i]!;
        if (strictGroup && d.group && this.group !== null && d.group !== this.group) continue;
        if (d.exact && d.group !== this.group) continue;
        if (isGroupLabel && !d.phrases.some((p) => p.includes("处理"))) continue;
        if (best < 0 || (!this.filled.has(d.path) && this.filled.has(this.defs[best]!.path))) best = i;
        if (!this.filled.has(d.path)) break;
      }
      return best;
    };
    // The group context only decides between rows that share a phrase; a distinctive label
    // (`2.没有现成信息需要另行制作`) names its row even when its group's line was lost.
    const strict = pick(true);
    if (strict >= 0) return strict;
    const loose = pick(false);
    if (loose >= 0) this.group = this.defs[loose]!.group ?? this.group;
    return loose;
  }

  /** Checks that the header names the applicant columns; flags any it does not. */
  private checkHeader(position: Position): void {
    this.headerChecked = true;
    const norm = this.headerCells.map((c) => normalizeLabel(c.value));
    const missing = APPLICANT_COLUMNS.filter((c) => !norm.some((n) => has(n, c.phrases)));
    if (missing.length > 0) {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        `the applicant header does not name ${missing.map((c) => c.label).join(", ")}; the template column order is assumed (申请人表头不完整，按模板列序)`,
        this.headerCells[0]?.position ?? position,
        "requests",
      );
    }
  }

  result(): Requests | undefined {
    if (!this.seen || this.filled.size === 0) return undefined;
    for (const d of this.defs) {
      if (!this.inVariant(d)) continue;
      if (!this.filled.has(d.path) && getPath(this.model, d.path) === undefined) {
        reportMissingRow(this.ctx, `row ${d.label} was not found in table 三 (未找到该行)`, this.lastRow, childPath("requests", d.path));
      }
    }
    return this.model as Requests;
  }
}
