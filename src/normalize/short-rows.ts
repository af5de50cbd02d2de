/**
 * Rows of pipe-less tables that print fewer values than their template row has places.
 *
 * When every cell is a paragraph or a line of its own (turndown, a browser's copy,
 * `get_text("\n")`), a blank cell can vanish without a trace: the row's values are then in
 * order but not in place, and nothing in the text says which places were blank. Only the
 * accounting identities (formats.md § D: 三's row totals, the balance 一+二 = (七)+四, the
 * result rows summing to (七), 四's group totals) can tell. A short row is read with every
 * value null first; once the whole report is read, each placement of its values (the blanks
 * at every possible set of places) is tried against the identities, and the row is filled
 * only when exactly one placement breaks none of the identities that touch it. Otherwise the
 * values stay null with a warning listing how many placements were possible — never a guess.
 */
import { valueAt } from "../model/paths.js";
import type { Position, TableCell } from "../ast/types.js";
import type { Report } from "../model/types.js";
import { REQUEST_ROWS } from "../templates/grid.js";
import {
  APPLICANT_KEYS,
  APPLICANT_PARTS,
  BALANCE,
  OTHER_HANDLING_SUB_ROWS,
  OUTCOME_PARTS,
  RESULTS_TOTAL_ROW,
  REVIEW_GROUPS,
  TOTAL_COLUMN,
  resultRows,
} from "../templates/identities.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { isNumericKind, parseCellValue } from "../text/value.js";
import { clip, type NormalizeContext } from "./context.js";

/** A pipe-less row whose values could not be placed while reading, waiting for the identities. */
export interface ShortRow {
  /** Sets the value of place `i` in the draft model (the row's objects are already in it). */
  set(i: number, value: number | null): void;
  /** The full model path of each place (`requests.newReceived.naturalPerson`), in template order. */
  paths: readonly string[];
  /** The value cells the row printed, in order (fewer than `paths`). */
  cells: readonly TableCell[];
  /** The row's model path, for the diagnostic. */
  path: string;
  /** The row's label as printed, for the message. */
  label: string;
  position: Position;
}

/** More blanks than this in one row are not tried: the placements grow combinatorially and decide little. */
const MAX_MISSING = 3;

/** Every choice of `k` places out of `n`, as sorted index lists. */
function choices(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const go = (from: number) => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = from; i <= n - (k - pick.length); i++) {
      pick.push(i);
      go(i + 1);
      pick.pop();
    }
  };
  go(0);
  return out;
}

/** The cells of `row` at each place when the places in `blanks` are the vanished ones. */
function placement(row: ShortRow, blanks: readonly number[]): Array<TableCell | null> {
  const out: Array<TableCell | null> = [];
  let k = 0;
  for (let i = 0; i < row.paths.length; i++) out.push(blanks.includes(i) ? null : (row.cells[k++] ?? null));
  return out;
}

function numberOf(cell: TableCell | null): number | null {
  if (!cell) return null;
  const v = parseCellValue(cell.value);
  return isNumericKind(v.kind) ? v.value : null;
}

function setRow(row: ShortRow, cells: ReadonlyArray<TableCell | null>): void {
  row.paths.forEach((_, i) => row.set(i, numberOf(cells[i] ?? null)));
}

/** The draft tables the identities read (the short rows' objects are inside them). */
export type DraftTables = Pick<Report, "requests" | "reviewsAndLawsuits">;

/** One identity: the paths of its two sides (each side a sum of model paths). */
interface Identity {
  left: readonly string[];
  right: readonly string[];
}

const row = (path: string, column: string) => `requests.${path}.${column}`;

/**
 * formats.md § D over the draft: 三's row totals and balance, the result rows summing to
 * (七) (with （六） as the shape the draft holds), and 四's group totals. The checks stage
 * evaluates the same identities (templates/identities.ts) on the finished report; this is the
 * normaliser's own evaluation of them, since a stage may not call a later one.
 */
function identities(draft: DraftTables): Identity[] {
  const out: Identity[] = [];
  const requests = draft.requests as Record<string, unknown> | undefined;
  if (requests) {
    for (const d of REQUEST_ROWS) out.push({ left: APPLICANT_PARTS.map((c) => row(d.path, c)), right: [row(d.path, TOTAL_COLUMN)] });
    for (const c of APPLICANT_KEYS) out.push({ left: BALANCE.left.map((p) => row(p, c)), right: BALANCE.right.map((p) => row(p, c)) });
    const subRows = OTHER_HANDLING_SUB_ROWS.some((p) => valueAt(draft, `requests.${p}`) !== undefined);
    const results = resultRows(subRows);
    for (const c of APPLICANT_KEYS) out.push({ left: results.map((p) => row(p, c)), right: [row(RESULTS_TOTAL_ROW, c)] });
  }
  if (draft.reviewsAndLawsuits) {
    for (const g of REVIEW_GROUPS) {
      const path = (c: string) => `reviewsAndLawsuits.${g}.${c}`;
      out.push({ left: OUTCOME_PARTS.map(path), right: [path(TOTAL_COLUMN)] });
    }
  }
  return out;
}

/** An identity with its operands as key lists, split once: it is evaluated for every placement tried. */
interface Compiled {
  left: ReadonlyArray<readonly string[]>;
  right: ReadonlyArray<readonly string[]>;
}

function compile(x: Identity): Compiled {
  return { left: x.left.map((p) => p.split(".")), right: x.right.map((p) => p.split(".")) };
}

/** A side's known sum and how many of its operands are blank or absent. */
function side(draft: DraftTables, operands: ReadonlyArray<readonly string[]>): { sum: number; open: number } {
  let sum = 0;
  let open = 0;
  for (const keys of operands) {
    let node: unknown = draft;
    for (const k of keys) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
    if (typeof node === "number") sum += node;
    else open++;
  }
  return { sum, open };
}

/**
 * Whether one of the identities fails in the draft. A blank operand is an unknown count, so
 * it is never negative: an identity with blanks on one side only fails when that side's
 * printed numbers already exceed the other side. Treating a blank as "anything" instead let
 * a placement that put a blank on a misprinted total pass as consistent, and the identities
 * it then trusted excluded the true placement of another row's blank.
 */
function breaks(draft: DraftTables, all: readonly Compiled[]): boolean {
  for (const x of all) {
    const l = side(draft, x.left);
    const r = side(draft, x.right);
    if (l.open > 0 && r.open > 0) continue;
    const tolerance = 1e-6 * Math.max(1, Math.abs(l.sum), Math.abs(r.sum));
    if (l.open === 0 && r.open === 0 ? Math.abs(l.sum - r.sum) > tolerance : (l.open > 0 ? l.sum - r.sum : r.sum - l.sum) > tolerance) return true;
  }
  return false;
}

/** The most joint placements tried for rows that share identities; beyond it each row is tried alone. */
const MAX_JOINT = 4000;

/**
 * Places the short rows' values by the identities, in the draft model that `input` holds
 * (the row objects of `rows` are inside it). Rows of one table share identities (the balance
 * reads 一, 二, (七) and 四 together), so their placements are tried jointly: a placement is
 * consistent when no identity touching a short row fails. A place is filled when every
 * consistent placement puts the same number there; the others stay null, flagged on their
 * paths. Diagnostics go to `ctx`.
 */
export function placeShortRows(rows: readonly ShortRow[], input: DraftTables, ctx: NormalizeContext): void {
  const tried = rows.filter((r) => r.cells.length > 0 && r.paths.length - r.cells.length <= MAX_MISSING);
  for (const row of rows) {
    if (!tried.includes(row)) report(row, null, ctx);
  }
  // Rows of 三 and rows of 四 share no identity: each table is solved on its own.
  for (const table of ["requests.", "reviewsAndLawsuits."]) {
    const group = tried.filter((r) => r.path.startsWith(table) || r.path === table.slice(0, -1));
    if (group.length === 0) continue;
    // A table whose sums fail where no short row takes part is misprinted: the identities
    // that exclude placements may be misprinted too, and would then exclude the true one.
    const broken = brokenElsewhere(input, table);
    if (broken !== null) {
      for (const row of group) report(row, null, ctx, `the table's sums already fail without this row (${broken}), so the identities cannot tell which places were blank`);
      continue;
    }
    const options = group.map((r) => choices(r.paths.length, r.paths.length - r.cells.length));
    const joint = options.reduce((n, o) => n * o.length, 1) <= MAX_JOINT;
    let perRow: number[][][];
    if (joint) {
      const fits = consistent(group, options, input);
      perRow = group.map((_, k) => fits.map((f) => f[k]!));
    } else {
      perRow = group.map((r, i) => consistent([r], [options[i]!], input).map((f) => f[0]!));
    }
    group.forEach((row, k) => report(row, perRow[k]!, ctx));
  }
}

/**
 * Every joint choice of blank places (one list per row) under which no identity touching the
 * rows fails. The rows are left all null afterwards.
 */
function consistent(rows: readonly ShortRow[], options: readonly number[][][], input: DraftTables): number[][][] {
  const all = identities(input);
  // The identities that row k completes: rows after it are still null (blank), so an identity
  // touching them is not known yet, and one that fails once row k is set fails for good —
  // which lets a placement be dropped before the rows after it are tried.
  const completes = rows.map((r, k) => {
    const own = new Set(r.paths);
    const later = new Set(rows.slice(k + 1).flatMap((x) => x.paths));
    const touches = (x: Identity, set: ReadonlySet<string>) => x.left.some((p) => set.has(p)) || x.right.some((p) => set.has(p));
    return all.filter((x) => touches(x, own) && !touches(x, later)).map(compile);
  });
  const out: number[][][] = [];
  const pick: number[][] = [];
  const go = (k: number) => {
    if (k === rows.length) {
      out.push([...pick]);
      return;
    }
    for (const blanks of options[k]!) {
      setRow(rows[k]!, placement(rows[k]!, blanks));
      if (breaks(input, completes[k]!)) continue;
      pick.push(blanks);
      go(k + 1);
      pick.pop();
    }
    setRow(rows[k]!, []);
  };
  go(0);
  for (const r of rows) setRow(r, []);
  return out;
}

/**
 * An identity of `table` (`requests.` or `reviewsAndLawsuits.`) that fails in the draft while
 * every short row is still null — so no short row is among its operands — written out, or
 * null when none does.
 */
function brokenElsewhere(input: DraftTables, table: string): string | null {
  for (const x of identities(input)) {
    if (!x.left[0]!.startsWith(table)) continue;
    const c = compile(x);
    const l = side(input, c.left);
    const r = side(input, c.right);
    if (l.open === 0 && r.open === 0 && breaks(input, [c])) return `${x.left.map(short).join(" + ")} = ${l.sum} but ${x.right.map(short).join(" + ")} = ${r.sum}`;
  }
  return null;
}

/** A path without its table (`newReceived.total`), for messages. */
const short = (path: string): string => path.slice(path.indexOf(".") + 1);

/**
 * Fills the places of `row` on which every consistent placement (`fits`, null when none was
 * tried) agrees, and flags the rest: one diagnostic for a row decided whole, warnings on the
 * paths left null.
 */
function report(row: ShortRow, fits: number[][] | null, ctx: NormalizeContext, untried = "too many places are blank to tell which"): void {
  const unique = fits !== null && fits.length > 0 && fits.every((f) => f.join() === fits[0]!.join());
  // Places where every consistent placement puts the same number are known all the same.
  const agreed: Array<TableCell | null> = row.paths.map((_, i) => {
    if (fits === null || fits.length === 0) return null;
    const seen = fits.map((f) => placement(row, f)[i] ?? null);
    const n = numberOf(seen[0]!);
    return n !== null && seen.every((c) => numberOf(c) === n) ? seen[0]! : null;
  });
  const printed = `row \`${clip(row.label)}\` prints ${row.cells.length} of its ${row.paths.length} values, one cell per line with no mark for a blank`;
  if (unique) {
    const cells = placement(row, fits[0]!);
    row.paths.forEach((path, i) => row.set(i, ctx.value(cells[i] ?? null, path)));
    const blank = fits[0]!.map((i) => row.paths[i]!.slice(row.path.length + 1)).join(", ");
    ctx.report(DiagnosticCodes.blanksPlacedByIdentity, `${printed}; only one placement satisfies the accounting identities, with ${blank} blank (空白单元格按勾稽关系定位)`, row.position, row.path);
    return;
  }
  row.paths.forEach((path, i) => {
    if (agreed[i]) row.set(i, ctx.value(agreed[i], path));
  });
  const why =
    fits === null
      ? untried
      : fits.length === 0
        ? "no placement of its values satisfies the accounting identities"
        : `${new Set(fits.map((f) => f.join())).size} placements of its values satisfy the accounting identities`;
  const undecided = row.paths.filter((_, i) => !agreed[i]);
  if (undecided.length === row.paths.length) {
    ctx.report(DiagnosticCodes.ambiguousSplit, `${printed}: ${why}, so its values are left null (空白单元格不可辨，数值未填入)`, row.position, row.path);
    return;
  }
  // Only the undecided places are flagged: the agreed ones are what every reading gives.
  for (const path of undecided) {
    ctx.report(DiagnosticCodes.ambiguousSplit, `${printed}: ${why}; they differ on ${path.slice(row.path.length + 1)}, which is left null (空白单元格不可辨，该值未填入)`, row.position, path);
  }
}
