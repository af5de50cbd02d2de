/**
 * The one constructor of diagnostics, so every diagnostic carries its code's registered
 * severity and a position.
 */
import type { Position } from "../source/position.js";
import type { Diagnostic, Severity } from "../model/types.js";
import type { DiagnosticCode } from "./codes.js";

/** Extra fields of a diagnostic: the model path it concerns and the raw text it is about. */
export interface DiagnosticExtra {
  path?: string;
  raw?: string;
}

/**
 * Makes a diagnostic of a registered kind (DiagnosticCodes in codes.ts):
 * the kind's registered severity is the diagnostic's, never changed by the caller.
 */
export function diagnostic(
  kind: { code: DiagnosticCode; severity: Severity },
  message: string,
  position: Position,
  extra: DiagnosticExtra = {},
): Diagnostic {
  const d: Diagnostic = { code: kind.code, severity: kind.severity, message, position };
  if (extra.path !== undefined) d.path = extra.path;
  if (extra.raw !== undefined) d.raw = extra.raw;
  return d;
}
