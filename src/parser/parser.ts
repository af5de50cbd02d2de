/**
 * The one parser instance: a deliberately loose grammar (a strict superset of every layout
 * seen) that only groups lines into blocks — runs of table lines, headings, prose. What a
 * row or a label means is decided later by the normaliser, which knows the templates.
 *
 * Grammar (see grammar/README.md for the diagrams):
 *
 *   document  := block*
 *   block     := table | heading | paragraph | BlankLines
 *   table     := TableLine+        (CellLine, PaddingRun and RowLine are TableLines)
 *   heading   := Heading
 *   paragraph := ProseLine | Unknown
 *
 * Embedded actions return the tokens of each block in order, so `tree.ts` never needs
 * to re-sort CST children by offset.
 */
import { EmbeddedActionsParser, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import {
  allTokens,
  BlankLines,
  Heading,
  ProseLine,
  TableLine,
  Unknown,
} from "../lexer/tokens.js";

/** A block of lines as the grammar sees it, before any interpretation. */
export type LineBlock =
  | { kind: "table"; lines: IToken[] }
  | { kind: "heading"; token: IToken }
  | { kind: "paragraph"; token: IToken }
  | { kind: "break"; token: IToken };

/** The report grammar. Instantiate through {@link parseTokens}, which keeps one instance. */
export class ReportParser extends EmbeddedActionsParser {
  constructor(tokens: TokenType[] = allTokens) {
    // Every decision is LL(1); recovery is off because no token sequence is invalid.
    super(tokens, { maxLookahead: 1, recoveryEnabled: false, skipValidations: false });
    this.performSelfAnalysis();
  }

  /** document := block* */
  public document = this.RULE("document", (): LineBlock[] => {
    const blocks: LineBlock[] = [];
    this.MANY(() => {
      blocks.push(this.SUBRULE(this.block));
    });
    return blocks;
  });

  // The alternatives of each OR are built once per parser instance and reused (Chevrotain's
  // "cached alternatives"): an inline array literal would allocate an array and a closure per
  // alternative on every call, i.e. several objects per line of input.
  private blockAlts?: Array<IOrAlt<LineBlock>>;
  private paragraphAlts?: Array<IOrAlt<IToken>>;

  /** block := table | heading | paragraph | BlankLines */
  private block = this.RULE("block", (): LineBlock => {
    return this.OR(
      (this.blockAlts ??= [
        { ALT: () => this.SUBRULE(this.table) },
        { ALT: () => ({ kind: "heading", token: this.CONSUME(Heading) }) as LineBlock },
        { ALT: () => this.SUBRULE(this.paragraph) },
        { ALT: () => ({ kind: "break", token: this.CONSUME(BlankLines) }) as LineBlock },
      ]),
    );
  });

  /** table := TableLine+ — rows are cut later, from the padding rule. */
  private table = this.RULE("table", (): LineBlock => {
    const lines: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      lines.push(this.CONSUME(TableLine));
    });
    return { kind: "table", lines };
  });

  /** paragraph := ProseLine | Unknown */
  private paragraph = this.RULE("paragraph", (): LineBlock => {
    const token = this.OR(
      (this.paragraphAlts ??= [
        { ALT: () => this.CONSUME(ProseLine) },
        { ALT: () => this.CONSUME(Unknown) },
      ]),
    );
    return { kind: "paragraph", token };
  });
}

let shared: ReportParser | undefined;

/** The process-wide parser, built on first use (building analyses the grammar once). */
export function getParser(): ReportParser {
  shared ??= new ReportParser();
  return shared;
}

/** Groups a token vector into blocks. The grammar accepts every token sequence. */
export function parseTokens(tokens: IToken[]): { blocks: LineBlock[]; errors: number } {
  const parser = getParser();
  parser.input = tokens;
  const blocks = parser.document();
  return { blocks, errors: parser.errors.length };
}
