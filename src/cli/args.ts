/**
 * The validated arguments of the file commands. Parsing the command line is src/main/args.ts's
 * job (it knows every command); this is the shape the file commands consume.
 */
import type { Severity } from "../model/types.js";

/** The commands that read files; `help` and `version` are handled before any file is read. */
export type FileCommand = "parse" | "check" | "summary" | "audit" | "compare";

/** `parse`, `check`, `summary` or `audit` with its files and options, validated. */
export interface FileArgs {
  command: FileCommand;
  files: string[];
  pretty: boolean;
  severity: Severity;
  codeframe: boolean;
  /** audit: where the page goes (one FILE: the file; several: a directory); default beside each FILE. */
  out?: string;
  /** Largest FILE read (`--max-member-size`, default 32 MiB): judged before it is read. */
  maxBytes: number;
}
