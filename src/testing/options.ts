/**
 * Render options: one switch per artifact of formats.md § F, so a property can say exactly
 * which damage a page had. Every field is optional and defaults to the clean page (official
 * full-width labels, no `<br>`, `0` for zero, blank for null, LF, no chrome).
 */
import type { LayoutCell } from "./layout.js";

/** The flattened forms real scrapers produce, plus the HTML they start from. */
export type RenderForm = "cell-lines" | "row-lines" | "markdown" | "html";

/**
 * What happened to a `<br>` inside a header cell: absent from the source (`none`), turned
 * into a space (`商业 企业`) or a newline inside the cell, or the text after it lost
 * (`truncate`: `结果 | 其他 | 尚未`). HTML output prints a real `<br />` for every mode but `none`.
 */
export type BrMode = "none" | "space" | "newline" | "truncate";

/**
 * A line of page chrome: a string is printed as a line of its own; an array is a row of a
 * metadata box (`索 引 号 | 014416330/2018-04736 | 分 类 | … |`, an HTML table in `renderHtml`).
 */
export type ChromeLine = string | readonly string[];

/** Page chrome printed before the title and after the last section. */
export interface Chrome {
  before: readonly ChromeLine[];
  after: readonly ChromeLine[];
}

/** Artifact switches shared by every renderer; form-specific fields are ignored by the others. */
export interface RenderOptions {
  // --- label text -------------------------------------------------------------------
  /** `full` (default): the template's （）：，; `half`: NFKC-scraped (), :, , as in the seed. */
  punctuation?: "full" | "half";
  /** `<br>` handling in header cells, for all of them or decided per cell (see {@link SEED_STYLE}). */
  br?: BrMode | ((cell: LayoutCell) => BrMode);
  /** Inserted spaces: `第二十条 第（一）项`, `本年 制发件数`, `（一） 予以公开`. */
  spacedLabels?: boolean;
  /** Labels and headings in traditional characters, as on mirror sites (title and prose stay simplified). */
  traditional?: boolean;

  // --- value text -------------------------------------------------------------------
  /** Text printed for a null value: `""` (default), `"-"`, `"—"`, `"/"`, `"&nbsp;"`. */
  blank?: string;
  /** Text printed for 0: `"0"` (default), `"无"`, `"〇"`, `"零"`. */
  zero?: string;
  /** Thousands separators: `1,234`. */
  thousands?: boolean;
  /** Full-width digits and separators: `１２３４`. */
  fullWidthDigits?: boolean;
  /** A `+` before positive 本年增/减 values. */
  plusSign?: boolean;
  /** Units inside money cells: `1424.4万元`, `251000元`. */
  units?: boolean;
  /** A leading NBSP in every value cell, and NBSP for blank cells. */
  nbsp?: boolean;

  // --- lines ------------------------------------------------------------------------
  /** Line ending: LF (default) or CRLF. */
  newline?: "\n" | "\r\n";
  /** Page chrome around the report: `true` for a typical set (breadcrumb, metadata box, widgets, a long pipe run, signature). */
  chrome?: boolean | Chrome;
  /** Print the title line (default true); without it only the opening paragraph names the year. */
  title?: boolean;

  // --- cell-lines form ----------------------------------------------------------------
  /** A lone `|` line before or after every row, or `||` between rows (cell-lines form). */
  rowSeparator?: "none" | "pipe-before" | "pipe-after" | "double-pipe";
  /**
   * The padding run printed on the line of the row's last cell instead of a line of its
   * own: `0 | ||` (cell-lines form; formats.md's "the last cell of a row may end in ` | |`").
   */
  paddingInline?: boolean;

  // --- row-lines form -----------------------------------------------------------------
  /** Pipes for the spanned columns at the end of a short row: `第二十条第(一)项 | |||`. */
  spanPipes?: boolean;
  /** A leading `| ` on every row line. */
  leadingPipe?: boolean;
  /** Two spaces before every pipe. */
  doubleSpace?: boolean;

  // --- markdown -----------------------------------------------------------------------
  /** `visible` (default): each row prints the cells its `<tr>` has; `fill`: spanned places print empty cells, W per row. */
  spans?: "visible" | "fill";
  /** `## ` before headings and `# ` before the title. */
  headingHashes?: boolean;

  // --- html ---------------------------------------------------------------------------
  /** Word-pasted markup: text and numbers split over `<span>` runs, `<o:p>` in blank cells. */
  wordSpans?: boolean;
  /** The charset declared in `<meta>` (default `utf-8`; use `gb2312` with {@link encodeGbk}). */
  charset?: string;
}

/**
 * The artifacts of the seed report (`corpus/seed/siyang-xzspj-2021.txt`): half-width
 * punctuation, `商业 企业` / `科研 机构` with a space, and every outcome header of 四 cut at its
 * `<br>` except the first (`结果维持 | 结果 | 其他 | 尚未`). With `renderCellLines` it
 * reproduces the seed's tables byte for byte.
 */
export const SEED_STYLE: Readonly<RenderOptions> = Object.freeze({
  punctuation: "half",
  br: (cell: LayoutCell): BrMode => {
    if (cell.id === "requests.header.commercialEnterprise" || cell.id === "requests.header.researchInstitution") return "space";
    if (/^reviewsAndLawsuits\.header\.\w+\.(upheld|corrected|other|pending)$/.test(cell.id) && cell.id !== "reviewsAndLawsuits.header.review.upheld") {
      return "truncate";
    }
    return "none";
  },
});
