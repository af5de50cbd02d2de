import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parseCellValue, isNumericText, type CellValue } from "../../src/text/value.js";

type Row = [raw: string, value: number | null, kind: CellValue["kind"], unit?: string | null];

function check(rows: Row[]): void {
  it.each(rows)("%j", (raw, value, kind, unit = null) => {
    expect(parseCellValue(raw)).toEqual({ value, kind, unit });
  });
}

// One block per row of the model.md value table, every example string listed there.
describe("model.md value table: the number", () => {
  check([
    ["0", 0, "number"],
    ["12", 12, "number"],
    ["１２", 12, "number"],
    ["1,234", 1234, "number"],
    ["1，234", 1234, "number"],
    ["12.5", 12.5, "number"],
    ["+2", 2, "number"],
    ["-1", -1, "number"],
  ]);
});

describe("model.md value table: unit stripped", () => {
  check([
    ["12件", 12, "number", "件"],
    ["251000元", 251000, "number", "元"],
    ["3.2万元", 3.2, "number", "万元"],
  ]);
});

describe("model.md value table: underscore fill", () => {
  check([
    ["___ 12___", 12, "number"],
    ["_0_", 0, "number"],
    ["__\u00a08_", 8, "number"],
    ["_______", null, "blank"],
    ["1_2", null, "unparseable"],
  ]);
});

describe("model.md value table: zero words", () => {
  check([
    ["无", 0, "zero-word"],
    ["〇", 0, "zero-word"],
    ["零", 0, "zero-word"],
  ]);
});

describe("model.md value table: blank", () => {
  check([
    ["", null, "blank"],
    ["&nbsp;", null, "blank"],
    [" ", null, "blank"],
    ["   \t\n ", null, "blank"],
  ]);
});

describe("model.md value table: placeholders", () => {
  check([
    ["-", null, "placeholder"],
    ["—", null, "placeholder"],
    ["–", null, "placeholder"],
    ["--", null, "placeholder"],
    ["/", null, "placeholder"],
    ["／", null, "placeholder"],
    ["\\", null, "placeholder"],
  ]);
});

describe("model.md value table: anything else", () => {
  check([
    ["约30", null, "unparseable"],
    ["abc", null, "unparseable"],
  ]);
});

describe("more number spellings", () => {
  check([
    ["－1", -1, "number"],
    ["−1", -1, "number"],
    ["＋2", 2, "number"],
    ["007", 7, "number"],
    ["-0", 0, "number"],
    ["4068.208", 4068.208, "number"],
    ["1,234,567", 1234567, "number"],
    ["１，２３４．５", 1234.5, "number"],
    ["12．5", 12.5, "number"],
    ["9007199254740991", 9007199254740991, "number"],
  ]);
  it("reads -0 as +0, not negative zero", () => {
    expect(Object.is(parseCellValue("-0").value, 0)).toBe(true);
  });
});

describe("units inside the cell", () => {
  check([
    ["1424.4万元", 1424.4, "number", "万元"],
    ["-3件", -3, "number", "件"],
    ["+1项", 1, "number", "项"],
    ["－2 条", -2, "number", "条"],
    ["12 件", 12, "number", "件"],
    ["5个", 5, "number", "个"],
    ["30人次", 30, "number", "人次"],
    ["4次", 4, "number", "次"],
    ["2家", 2, "number", "家"],
    ["1宗", 1, "number", "宗"],
    ["12.5%", 12.5, "number", "%"],
    ["12.5％", 12.5, "number", "%"],
    ["3萬元", 3, "number", "万元"],
    ["3條", 3, "number", "条"],
  ]);
});

describe("blank: every kind of white space", () => {
  check([
    ["\u00a0", null, "blank"],
    ["\u3000\u3000", null, "blank"],
    ["\u200b", null, "blank"],
    ["\ufeff", null, "blank"],
    [" &nbsp; &nbsp;\u00a0", null, "blank"],
    ["&NBSP;", null, "blank"],
    ["&#160;", null, "blank"],
  ]);
});

describe("surrounding white space is ignored", () => {
  check([
    ["  12  ", 12, "number"],
    ["\u00a012\u3000", 12, "number"],
    ["&nbsp;7&nbsp;", 7, "number"],
    ["\t-1\n", -1, "number"],
    [" 无 ", 0, "zero-word"],
    [" - ", null, "placeholder"],
    ["\u3000／\u3000", null, "placeholder"],
  ]);
});

describe("more placeholders", () => {
  check([
    ["——", null, "placeholder"],
    ["＼", null, "placeholder"],
    ["－", null, "placeholder"],
    ["---", null, "placeholder"],
  ]);
});

describe("unparseable", () => {
  check([
    ["12 13", null, "unparseable"],
    ["1.2.3", null, "unparseable"],
    ["1,23", null, "unparseable"],
    ["1,2345", null, "unparseable"],
    ["1234,567", null, "unparseable"],
    ["1,23,456", null, "unparseable"],
    ["1,2345,678", null, "unparseable"],
    [",123", null, "unparseable"],
    ["1,,234", null, "unparseable"],
    ["1,234.5,6", null, "unparseable"],
    ["12.", null, "unparseable"],
    [".5", null, "unparseable"],
    ["Infinity", null, "unparseable"],
    ["-Infinity", null, "unparseable"],
    ["NaN", null, "unparseable"],
    ["0x1F", null, "unparseable"],
    ["1e3", null, "unparseable"],
    ["1E3", null, "unparseable"],
    ["12吨", null, "unparseable"],
    ["件12", null, "unparseable"],
    ["12件件", null, "unparseable"],
    ["+-1", null, "unparseable"],
    ["- 1", null, "unparseable"],
    ["-/", null, "unparseable"],
    ["—1", null, "unparseable"],
    ["无无", null, "unparseable"],
    ["1&nbsp;2", null, "unparseable"],
    ["12345678901234567890123", null, "unparseable"],
    ["9007199254740993", null, "unparseable"],
    ["+", null, "unparseable"],
  ]);
});

describe("pathological input", () => {
  it("returns unparseable for a 100k-character garbage string", () => {
    const garbage = "1,2".repeat(20_000) + "abc".repeat(13_334);
    expect(garbage.length).toBeGreaterThanOrEqual(100_000);
    expect(parseCellValue(garbage)).toEqual({ value: null, kind: "unparseable", unit: null });
  });
  it("returns unparseable for 100k digits", () => {
    expect(parseCellValue("9".repeat(100_000)).kind).toBe("unparseable");
  });
  it("returns blank for 100k spaces and placeholder for 100k dashes", () => {
    expect(parseCellValue(" \u00a0".repeat(50_000)).kind).toBe("blank");
    expect(parseCellValue("-".repeat(100_000)).kind).toBe("placeholder");
  });
  it("never throws and always returns a well-formed value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const r = parseCellValue(s);
        expect(["number", "zero-word", "blank", "placeholder", "unparseable"]).toContain(r.kind);
        if (r.kind === "number" || r.kind === "zero-word") expect(Number.isFinite(r.value)).toBe(true);
        else expect(r.value).toBeNull();
        if (r.kind !== "number") expect(r.unit).toBeNull();
      }),
    );
  });
  it("reads back any integer it is given, with or without thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseCellValue(String(n)).value).toBe(n);
        expect(parseCellValue(n.toLocaleString("en-US")).value).toBe(n);
      }),
    );
  });
});

describe("isNumericText", () => {
  it.each([
    ["12", true],
    ["-3件", true],
    ["无", true],
    ["〇", true],
    ["", false],
    ["&nbsp;", false],
    ["-", false],
    ["/", false],
    ["商业企业", false],
    ["1,23", false],
  ])("%j → %s", (raw, expected) => {
    expect(isNumericText(raw)).toBe(expected);
  });
});

// The ASCII-digit fast path must agree with the general scan at its edges: the length it
// stops at (15 digits), the lengths past it and leading zeros.
describe("plain ASCII digit strings", () => {
  check([
    ["007", 7, "number"],
    ["999999999999999", 999999999999999, "number"],
    ["9007199254740991", 9007199254740991, "number"],
    ["9007199254740992", null, "unparseable"],
    ["123456789012345678901", null, "unparseable"],
  ]);
  it("read as the number they spell, up to 2^53", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), (s) => {
        const n = Number(s);
        expect(parseCellValue(s)).toEqual(n <= Number.MAX_SAFE_INTEGER ? { value: n, kind: "number", unit: null } : { value: null, kind: "unparseable", unit: null });
      }),
    );
  });
});
