/**
 * `zfxxgk/testing`: fast-check arbitraries for report models, cells, labels and headings,
 * and renderers that print a model the way scraped pages do (cell per line, row per line,
 * markdown, HTML, GBK bytes) with the artifacts of real pages. Fuzz your own pipeline with
 * the same generators this package fuzzes its parser with.
 *
 * Requires the optional peer dependency `fast-check` (^4); the main entry `zfxxgk` never
 * loads it. This module only re-exports.
 */
export {
  agencyArbitrary,
  cellTextArbitrary,
  formArtifacts,
  headingArbitrary,
  labelArbitrary,
  renderOptionsArbitrary,
  reportArbitrary,
  SECTION_HEADINGS,
  type ArtifactName,
  type CellTextSample,
  type HeadingSample,
  type LabelSample,
  type NullPolicy,
  type ReportArbitraryOptions,
} from "./arbitraries.js";
export { encodeGbk } from "./gbk.js";
export { gridErrors, layoutTables, type CellRole, type LayoutCell, type LayoutTable, type TablePart } from "./layout.js";
export { BREAK_POINTS, toHalfWidth, toTraditional } from "./labels.js";
export { expectedChecks, numericEntries, type ExpectedStatus, type GeneratedReport, type RenderTemplate, type ReportModel } from "./model.js";
export {
  crawlerHeaderLines,
  displayWidth,
  placeCells,
  renderAligned,
  renderBox,
  renderGlued,
  renderTabs,
  renderTool,
  toolOptionsArbitrary,
  type AlignedOptions,
  type BoxOptions,
  type CrawlerHeader,
  type GluedOptions,
  type PlacedCell,
  type TabsOptions,
  type ToolBaseOptions,
  type ToolLayout,
  type ToolOptions,
} from "./tools.js";
export { SEED_STYLE, type BrMode, type Chrome, type ChromeLine, type RenderForm, type RenderOptions } from "./options.js";
export {
  defaultChrome,
  joinLines,
  render,
  renderCellLines,
  renderHtml,
  renderLines,
  renderMarkdown,
  renderRowLines,
  reportTitle,
  type LineKind,
  type RenderedLine,
} from "./render.js";
