/**
 * The real `<table>` layout of 二, 三 and 四 — which cells each `<tr>` holds, with their
 * rowspan and colspan — built from a model. Every renderer prints from this one layout, so
 * the cell-per-line padding, the row-per-line pipes, the markdown grid and the HTML spans
 * all agree on what the page was.
 *
 * The widths are those of real pages (the seed): 二 is one table of W = 4 (label + three
 * value columns, narrower sub-tables widen their last cell); 三 is W = 10 (three label
 * columns under the 勾稽 note + seven applicant columns); 四 is W = 15.
 */
import type { Template } from "../model/types.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_HEADER,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
} from "../templates/grid.js";
import {
  BREAK_POINTS,
  PROACTIVE_CAPTIONS,
  REQUEST_GROUP_LABELS,
  REQUEST_PRINTED_LABELS,
  REQUESTS_APPLICANTS,
  REQUESTS_NOTE,
  REQUESTS_ORGANISATIONS,
  REQUESTS_RESULTS,
  TABLE_HEADINGS,
} from "./labels.js";
import type { RenderTemplate, ReportModel } from "./model.js";

/** Which part of the model a table prints. */
export type TablePart = "proactive" | "requests" | "reviewsAndLawsuits";

/** What a cell is for; artifacts apply to some roles only (e.g. `<br>` splits to headers). */
export type CellRole = "caption" | "header" | "label" | "value";

/**
 * One `<td>` of the layout. Text cells carry the official text (full-width punctuation, as
 * the template prints it); value cells carry the model path and value, and the renderer
 * formats them.
 */
export interface LayoutCell {
  /**
   * A stable name for the cell, for artifact callbacks: the model path for values
   * (`requests.newReceived.total`), `<path>.label` for row labels, `<part>.header.<key>` for
   * header cells (`reviewsAndLawsuits.header.lawsuitDirect.upheld`), `proactive.caption.<i>`.
   */
  id: string;
  role: CellRole;
  /** Official text; empty for value cells. */
  text: string;
  rowspan: number;
  colspan: number;
  /** Characters before the `<br>` that real pages put inside this header cell, if any. */
  br?: number;
  /** Value cells: the model path. */
  path?: string;
  /** Value cells: the model value (null prints as a blank). */
  value?: number | null;
  /** Value cells: a unit a page may write inside the cell (万元 for fees, 元 for procurement). */
  unit?: string | null;
  /** Value cells: a signed column (本年增/减), where a page may write `+2`. */
  signed?: boolean;
}

/** One table as the page lays it out: `rows[i]` are the cells printed by the i-th `<tr>`. */
export interface LayoutTable {
  part: TablePart;
  /** The section heading printed above the table. */
  heading: string;
  /** Column count W of the grid. */
  width: number;
  rows: LayoutCell[][];
}

const text = (id: string, role: CellRole, t: string, rowspan = 1, colspan = 1): LayoutCell => {
  const cell: LayoutCell = { id, role, text: t, rowspan, colspan };
  const br = role === "header" ? BREAK_POINTS[t] : undefined;
  if (br !== undefined) cell.br = br;
  return cell;
};

function valueAt(root: unknown, path: string): number | null {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" ? node : null;
}

const value = (model: ReportModel, path: string, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  id: path,
  role: "value",
  text: "",
  rowspan: 1,
  colspan: 1,
  path,
  value: valueAt(model, path),
  ...extra,
});

/** Throws for a template that has no 二/三/四 tables: a caller error, not bad input. */
export function renderTemplate(template: Template): RenderTemplate {
  if (template === "2021" || template === "2019") return template;
  throw new TypeError(`zfxxgk/testing: cannot render template ${JSON.stringify(template)}; only "2021" and "2019" have tables`);
}

/**
 * The layouts of the tables present in `model`, in page order (二, 三, 四). A row whose
 * object is absent from the model still prints, with blank values, so the grid keeps its
 * shape; a table whose part is absent does not print at all.
 */
export function layoutTables(model: ReportModel): LayoutTable[] {
  const template = renderTemplate(model.template);
  const tables: LayoutTable[] = [];
  if (model.proactive !== undefined) tables.push(proactiveLayout(model, template));
  if (model.requests !== undefined) tables.push(requestsLayout(model, template));
  if (model.reviewsAndLawsuits !== undefined) tables.push(reviewsLayout(model));
  return tables;
}

function proactiveLayout(model: ReportModel, template: RenderTemplate): LayoutTable {
  const defs = template === "2019" ? PROACTIVE_ROWS_2019 : PROACTIVE_ROWS_2021;
  const width = 1 + Math.max(...defs.map((d) => d.columns.length));
  const rows: LayoutCell[][] = [];
  PROACTIVE_CAPTIONS[template].forEach(([caption, keys], i) => {
    const group = keys.map((k) => defs.find((d) => d.key === k)!);
    const columns = group[0]!.columns;
    const last = width - columns.length; // colspan of the last cell of a narrower sub-table
    rows.push([text(`proactive.caption.${i}`, "caption", caption, 1, width)]);
    rows.push([
      text(`proactive.header.${i}.label`, "header", PROACTIVE_HEADER[0]!),
      ...columns.map((c, j) => text(`proactive.header.${i}.${c.key}`, "header", c.label, 1, j === columns.length - 1 ? last : 1)),
    ]);
    for (const def of group) {
      rows.push([
        text(`proactive.${def.key}.label`, "label", def.label),
        ...columns.map((c, j) => {
          const cell = value(model, `proactive.${def.key}.${c.key}`, {
            colspan: j === columns.length - 1 ? last : 1,
            unit: c.unit ?? (c.key === "totalAmount" ? "元" : null),
            signed: c.key === "change",
          });
          return cell;
        }),
      ]);
    }
  });
  return { part: "proactive", heading: TABLE_HEADINGS.proactive, width, rows };
}

function requestsLayout(model: ReportModel, template: RenderTemplate): LayoutTable {
  const defs = template === "2019" ? REQUEST_ROWS_2019 : REQUEST_ROWS_2021;
  const width = 3 + APPLICANT_COLUMNS.length;
  const organisations = APPLICANT_COLUMNS.slice(1, -1);
  const rows: LayoutCell[][] = [
    [text("requests.header.note", "header", REQUESTS_NOTE, 3, 3), text("requests.header.applicants", "header", REQUESTS_APPLICANTS, 1, APPLICANT_COLUMNS.length)],
    [
      text(`requests.header.${APPLICANT_COLUMNS[0].key}`, "header", APPLICANT_COLUMNS[0].label, 2, 1),
      text("requests.header.organisations", "header", REQUESTS_ORGANISATIONS, 1, organisations.length),
      text("requests.header.total", "header", APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1]!.label, 2, 1),
    ],
    organisations.map((c) => text(`requests.header.${c.key}`, "header", c.label)),
  ];
  const results = defs.filter((d) => d.path.startsWith("results."));
  let group: string | undefined;
  for (const def of defs) {
    const path = `requests.${def.path}`;
    const label = REQUEST_PRINTED_LABELS[def.path] ?? def.label;
    const cells: LayoutCell[] = [];
    if (!def.path.startsWith("results.")) {
      cells.push(text(`${path}.label`, "label", label, 1, 3));
    } else {
      if (def === results[0]) cells.push(text("requests.results.label", "label", REQUESTS_RESULTS, results.length, 1));
      if (def.group === undefined) {
        cells.push(text(`${path}.label`, "label", label, 1, 2));
      } else {
        if (def.group !== group) {
          const size = defs.filter((d) => d.group === def.group).length;
          cells.push(text(`requests.results.${def.group}.label`, "label", REQUEST_GROUP_LABELS[def.group]!, size, 1));
        }
        cells.push(text(`${path}.label`, "label", label));
      }
    }
    group = def.group;
    for (const c of APPLICANT_COLUMNS) cells.push(value(model, `${path}.${c.key}`));
    rows.push(cells);
  }
  return { part: "requests", heading: TABLE_HEADINGS.requests, width, rows };
}

function reviewsLayout(model: ReportModel): LayoutTable {
  const n = OUTCOME_COLUMNS.length;
  const width = OUTCOME_GROUPS.length * n;
  const [review, ...lawsuits] = OUTCOME_GROUPS;
  const lawsuitLabel = lawsuits[0]!.label.split(" ")[0]!;
  const header = (g: string) => OUTCOME_COLUMNS.map((c) => text(`reviewsAndLawsuits.header.${g}.${c.key}`, "header", c.label, g === review.key ? 2 : 1, 1));
  return {
    part: "reviewsAndLawsuits",
    heading: TABLE_HEADINGS.reviewsAndLawsuits,
    width,
    rows: [
      [text("reviewsAndLawsuits.header.review", "header", review.label, 1, n), text("reviewsAndLawsuits.header.lawsuit", "header", lawsuitLabel, 1, n * lawsuits.length)],
      [...header(review.key), ...lawsuits.map((g) => text(`reviewsAndLawsuits.header.${g.key}`, "header", g.label.split(" ")[1]!, 1, n))],
      lawsuits.flatMap((g) => header(g.key)),
      OUTCOME_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => value(model, `reviewsAndLawsuits.${g.key}.${c.key}`))),
    ],
  };
}

/**
 * Checks that a layout is a proper grid: every row, counting the cells that rowspans from
 * above reach into it, covers exactly W columns. Used by the tests; exported so a custom
 * layout can be checked the same way.
 */
export function gridErrors(table: LayoutTable): string[] {
  const errors: string[] = [];
  const carried = new Array<number>(table.width).fill(0); // rows still covered by a rowspan, per column
  table.rows.forEach((row, r) => {
    let col = 0;
    const next = carried.map((c) => Math.max(0, c - 1));
    for (const cell of row) {
      while (col < table.width && carried[col]! > 0) col++;
      if (col + cell.colspan > table.width) {
        errors.push(`${table.part} row ${r}: cell ${cell.id} overflows the width ${table.width}`);
        return;
      }
      for (let k = 0; k < cell.colspan; k++) {
        if (carried[col + k]! > 0) errors.push(`${table.part} row ${r}: cell ${cell.id} overlaps a rowspan`);
        next[col + k] = cell.rowspan - 1;
      }
      col += cell.colspan;
    }
    while (col < table.width && carried[col]! > 0) col++;
    if (col !== table.width) errors.push(`${table.part} row ${r}: covers ${col} of ${table.width} columns`);
    carried.splice(0, carried.length, ...next);
  });
  return errors;
}
