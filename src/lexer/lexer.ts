/**
 * The one lexer instance. Building a Chevrotain lexer analyses every pattern, so it is done
 * once per process; `createLexer` exists for tests that build it with
 * `ensureOptimizations: true` to prove every token is indexed by its first character.
 */
import { Lexer, type ILexerConfig, type ILexingResult } from "chevrotain";
import { allTokens, resetLineScan } from "./tokens.js";

/** A Chevrotain lexer that starts the line matchers' scan afresh for every text (see tokens.ts). */
class LineLexer extends Lexer {
  override tokenize(text: string, initialMode?: string): ILexingResult {
    resetLineScan();
    return super.tokenize(text, initialMode);
  }
}

/**
 * Builds a lexer over {@link allTokens}. Positions are tracked as offsets only: line and
 * column come from a line index when a node is built, which is cheaper than Chevrotain's
 * per-token line bookkeeping.
 */
export function createLexer(config: ILexerConfig = {}): Lexer {
  return new LineLexer(allTokens, {
    positionTracking: "onlyOffset",
    lineTerminatorsPattern: /\r\n|\r|\n/,
    lineTerminatorCharacters: ["\r", "\n"],
    ensureOptimizations: false,
    ...config,
  });
}

let shared: Lexer | undefined;

/** Tokenises a whole text with the process-wide lexer. */
export function tokenize(text: string): ILexingResult {
  shared ??= createLexer({ skipValidations: true });
  return shared.tokenize(text);
}
