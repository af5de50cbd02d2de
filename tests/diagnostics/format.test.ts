import { describe, expect, it } from "vitest";
import {
  checkAsDiagnostic,
  displayWidth,
  formatCheckLine,
  formatCodeFrame,
  formatDiagnosticLine,
  isUnsettledCheck,
  type UnsettledCheck,
} from "../../src/diagnostics/format.js";
import { DiagnosticCodes } from "../../src/diagnostics/codes.js";
import type { Check, Diagnostic, Report } from "../../src/model/types.js";

function at(line: number, column: number, offset = 0) {
  return { line, column, offset };
}

function diag(start: [number, number], end: [number, number] = start, extra: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: "unit-in-cell",
    severity: "warning",
    message: "unit 件 differs from the column unit",
    position: { start: at(...start), end: at(...end) },
    ...extra,
  };
}

function reportWith(provenance: Report["provenance"]): Report {
  return {
    schemaVersion: 1,
    template: "2021",
    meta: { title: null, agency: null, year: null, publishedAt: null, indexNumber: null, documentNumber: null, header: {}, agencyKey: null, agencyKind: null, division: null },
    sections: [],
    checks: [],
    diagnostics: [],
    provenance,
    source: { encoding: "utf-8", form: "cell-lines", bytes: 0, sha256: "0".repeat(64) },
  };
}

describe("formatDiagnosticLine", () => {
  it("prints file:line:col severity code message [path]", () => {
    const d = diag([12, 3], [12, 7], { path: "requests.newReceived.total" });
    expect(formatDiagnosticLine("a.txt", d)).toBe(
      "a.txt:12:3 warning unit-in-cell unit 件 differs from the column unit [requests.newReceived.total]",
    );
  });

  it("omits the path bracket when there is no path", () => {
    const d = diag([1, 1], [1, 1], { code: "empty-input", severity: "error", message: "the input holds no text" });
    expect(formatDiagnosticLine("-", d)).toBe("-:1:1 error empty-input the input holds no text");
  });

  it("keeps one diagnostic on one line even when the message has line breaks", () => {
    const d = diag([2, 5], [2, 6], { severity: "info", code: "placeholder-cell", message: "read as null:\n  '-'" });
    expect(formatDiagnosticLine("r.txt", d)).toBe("r.txt:2:5 info placeholder-cell read as null: '-'");
  });
});

describe("formatCheckLine", () => {
  const check: UnsettledCheck = {
    id: "requests.balance.total",
    status: "fail",
    expected: 12,
    actual: 11,
    paths: ["requests.newReceived.total", "requests.carriedOver.total"],
  };

  it("points at the first path's provenance and reports a fail as a warning", () => {
    const report = reportWith({
      "requests.newReceived.total": { start: at(80, 1, 2000), end: at(80, 3, 2002), raw: "12" },
    });
    expect(formatCheckLine("a.txt", check, report)).toBe(
      "a.txt:80:1 warning check-failed requests.balance.total: expected 12, actual 11",
    );
  });

  it("falls back to 1:1 without provenance and prints null operands", () => {
    const c: UnsettledCheck = { ...check, expected: null, paths: [] };
    expect(formatCheckLine("b.txt", c, reportWith({}))).toBe(
      "b.txt:1:1 warning check-failed requests.balance.total: expected null, actual 11",
    );
  });

  it("converts to a check-failed diagnostic for code frames", () => {
    const d = checkAsDiagnostic(check, reportWith({}));
    expect(d).toMatchObject({ code: "check-failed", severity: "warning", path: "requests.newReceived.total" });
    expect(d.position.start).toEqual(at(1, 1, 0));
    expect(d).toMatchObject(DiagnosticCodes.checkFailed);
  });

  it("shows an incomplete check as check-incomplete, an info, with its registered severity", () => {
    const c: UnsettledCheck = { ...check, status: "incomplete", actual: null };
    const report = reportWith({
      "requests.newReceived.total": { start: at(80, 1, 2000), end: at(80, 3, 2002), raw: "12" },
    });
    expect(formatCheckLine("a.txt", c, report)).toBe(
      "a.txt:80:1 info check-incomplete requests.balance.total: expected 12, actual null (incomplete)",
    );
    expect(checkAsDiagnostic(c, report)).toMatchObject({ ...DiagnosticCodes.checkIncomplete, path: "requests.newReceived.total" });
  });

  it("has no diagnostic for a passing check: isUnsettledCheck keeps it out", () => {
    const checks: Check[] = [check, { ...check, status: "pass", actual: 12 }, { ...check, status: "incomplete" }];
    expect(checks.filter(isUnsettledCheck).map((c) => c.status)).toEqual(["fail", "incomplete"]);
  });
});

describe("displayWidth", () => {
  it("counts CJK and full-width as 2 cells, ASCII as 1, combining marks as 0", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("行政许可")).toBe(8);
    expect(displayWidth("（一）")).toBe(6);
    expect(displayWidth("１２")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("𠀀")).toBe(2);
  });
});

describe("formatCodeFrame", () => {
  const text = ["三、收到和处理政府信息公开申请情况", "行政许可 |", "5346件 |", "行政处罚 |"].join("\n");

  it("puts the carets under the right cells of a CJK line", () => {
    // "5346件" on line 3: the unit 件 is column 5 (UTF-16), terminal cells 5–6.
    const frame = formatCodeFrame(text, diag([3, 5], [3, 6]));
    expect(frame).toBe(
      [
        "3:5 warning unit-in-cell unit 件 differs from the column unit",
        "  2 | 行政许可 |",
        "> 3 | 5346件 |",
        "    |     ^^",
        "  4 | 行政处罚 |",
      ].join("\n"),
    );
  });

  it("measures the underline offset by display width after CJK text", () => {
    // 许可 on line 2 starts at UTF-16 column 3, i.e. after 行政 = 4 terminal cells.
    const frame = formatCodeFrame(text, diag([2, 3], [2, 5]), { contextLines: 0 });
    const lines = frame.split("\n");
    expect(lines.slice(1)).toEqual(["> 2 | 行政许可 |", "    |     ^^^^"]);
    const source = lines[1] ?? "";
    const marker = lines[2] ?? "";
    const caretCell = displayWidth(marker.slice(0, marker.indexOf("^")));
    const cellOf许 = displayWidth(source.slice(0, source.indexOf("许")));
    expect(caretCell).toBe(cellOf许);
  });

  it("starts with the compiler-style line when a file name is given", () => {
    const frame = formatCodeFrame(text, diag([3, 5], [3, 6], { path: "proactive.licensing.decisions" }), {
      file: "x.txt",
    });
    expect(frame.split("\n")[0]).toBe(
      "x.txt:3:5 warning unit-in-cell unit 件 differs from the column unit [proactive.licensing.decisions]",
    );
  });

  it("shows no context above the first line", () => {
    const frame = formatCodeFrame(text, diag([1, 1], [1, 3]));
    expect(frame.split("\n").slice(1)).toEqual([
      "> 1 | 三、收到和处理政府信息公开申请情况",
      "    | ^^^^",
      "  2 | 行政许可 |",
    ]);
  });

  it("shows no context below the last line", () => {
    const frame = formatCodeFrame(text, diag([4, 1], [4, 5]));
    expect(frame.split("\n").slice(1)).toEqual(["  3 | 5346件 |", "> 4 | 行政处罚 |", "    | ^^^^^^^^"]);
  });

  it("draws a single caret for a zero-width position", () => {
    const frame = formatCodeFrame(text, diag([2, 5], [2, 5]), { contextLines: 0 });
    expect(frame.split("\n").slice(1)).toEqual(["> 2 | 行政许可 |", "    |         ^"]);
  });

  it("draws a zero-width caret just past the end of the text", () => {
    const frame = formatCodeFrame("一二", diag([1, 3], [1, 3]));
    expect(frame.split("\n").slice(1)).toEqual(["> 1 | 一二", "    |     ^"]);
  });

  it("handles an empty text", () => {
    const d = diag([1, 1], [1, 1], { code: "empty-input", severity: "error", message: "empty" });
    expect(formatCodeFrame("", d)).toBe(["1:1 error empty-input empty", "> 1 |", "    | ^"].join("\n"));
  });

  it("marks every line of a multi-line span", () => {
    const frame = formatCodeFrame(text, diag([2, 3], [3, 3]), { contextLines: 0 });
    expect(frame.split("\n").slice(1)).toEqual(["> 2 | 行政许可 |", "    |     ^^^^^^", "> 3 | 5346件 |", "    | ^^"]);
  });

  it("treats a span ending at column 1 as ending with the previous line", () => {
    const frame = formatCodeFrame(text, diag([2, 1], [3, 1]), { contextLines: 0 });
    expect(frame.split("\n").slice(1)).toEqual(["> 2 | 行政许可 |", "    | ^^^^^^^^^^"]);
  });

  it("splits lines on CRLF like on LF", () => {
    const frame = formatCodeFrame("a\r\n件x\r\nb", diag([2, 2], [2, 3]), { contextLines: 0 });
    expect(frame.split("\n").slice(1)).toEqual(["> 2 | 件x", "    |   ^"]);
  });

  it("renders control characters visibly instead of sending them to the terminal", () => {
    const frame = formatCodeFrame("\u0000\u0001binary", diag([1, 1], [1, 3]));
    expect(frame).not.toMatch(/[\u0000-\u0008]/);
    expect(frame.split("\n").slice(1)).toEqual(["> 1 | \u2400\u2401binary", "    | ^^"]);
  });

  it("clamps positions beyond the text instead of throwing", () => {
    const frame = formatCodeFrame("短", diag([9, 40], [9, 41]));
    expect(frame.split("\n").slice(1)).toEqual(["> 1 | 短", "    |   ^"]);
  });

  it("honours contextLines", () => {
    const frame = formatCodeFrame(text, diag([3, 1], [3, 2]), { contextLines: 2 });
    expect(frame.split("\n").filter((l) => /^[ >] \d/.test(l))).toHaveLength(4);
  });

  it("cuts a very long line around the span", () => {
    const long = `${"前".repeat(200)}错误${"后".repeat(200)}`;
    const frame = formatCodeFrame(long, diag([1, 201], [1, 203]), { maxWidth: 60 });
    const [, source = "", marker = ""] = frame.split("\n");
    expect(displayWidth(source)).toBeLessThanOrEqual(6 + 62);
    expect(source).toContain("…");
    const caret = displayWidth(marker.slice(0, marker.indexOf("^")));
    expect(caret).toBe(displayWidth(source.slice(0, source.indexOf("错误"))));
    expect(marker.trimEnd().endsWith("^^^^")).toBe(true);
  });
});
