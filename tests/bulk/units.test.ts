/**
 * The small pieces of the bulk engine, each against its own rule: CSV quoting, name
 * decoding and checks, sizes, shards, and the panel's columns and codebook against the
 * template grid they are derived from.
 */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BulkCodes } from "../../src/bulk/codes.js";
import { BOM, csvField, csvLine, parseCsv } from "../../src/bulk/csv.js";
import { splitPathList, normalizeInput, kindByName } from "../../src/bulk/inputs/plan.js";
import { looksBinary, nameProblem, notAReportByName, parseSize, printableName, readLimited } from "../../src/bulk/limits.js";
import { decodeName, decodeZipName } from "../../src/bulk/names.js";
import { CODEBOOK_HEADER, COLUMN_NAME, codebookRows, META_COLUMNS, NUMERIC_COLUMNS, PANEL_HEADER, valueAt } from "../../src/bulk/panel.js";
import { inShard, keyHash, parseShard, reportId } from "../../src/bulk/shard.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
} from "../../src/templates/grid.js";
import { crc32 } from "node:zlib";
import { unicodePathExtra } from "./helpers/zip.js";

describe("csv", () => {
  it("quotes only what needs quoting and round-trips through the parser", () => {
    const values = ["plain", "a,b", 'say "hi"', "two\nlines", " padded ", "中文", "", "-1"];
    const line = csvLine([...values, 12, 3.5, null, undefined, true]);
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines"," padded ",中文,,-1,12,3.5,,,1\n');
    expect(parseCsv(BOM + line + line)).toEqual([
      [...values, "12", "3.5", "", "", "1"],
      [...values, "12", "3.5", "", "", "1"],
    ]);
  });

  it("writes non-finite numbers as missing, never as NaN or Infinity", () => {
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("");
  });
});

describe("member names", () => {
  const chinese = "二〇二一年政府信息公开工作年度报告.txt";
  const gbk = iconv.encode(chinese, "gbk");

  it("decodes GBK bytes without the UTF-8 flag, UTF-8 with or without it", () => {
    expect(gbk.equals(Buffer.from(chinese, "utf8"))).toBe(false);
    expect(decodeName(gbk)).toBe(chinese);
    expect(decodeName(Buffer.from(chinese, "utf8"))).toBe(chinese);
    expect(decodeName(Buffer.from(chinese, "utf8"), true)).toBe(chinese);
    expect(decodeZipName(gbk, 0, [], crc32)).toBe(chinese);
    expect(decodeZipName(Buffer.from(chinese), 0x800, [], crc32)).toBe(chinese);
  });

  it("prefers an Info-ZIP Unicode Path field whose CRC matches the raw name", () => {
    const raw = Buffer.from("report?.txt", "latin1");
    const extra = unicodePathExtra(raw, "报告.txt");
    const field = { id: 0x7075, data: extra.subarray(4) };
    expect(decodeZipName(raw, 0, [field], crc32)).toBe("报告.txt");
    expect(decodeZipName(Buffer.from("other.txt"), 0, [field], crc32)).toBe("other.txt");
  });

  it("turns Windows backslashes into slashes", () => {
    expect(decodeZipName(Buffer.from("a\\b.txt"), 0x800, [], crc32)).toBe("a/b.txt");
  });

  it("refuses absurd names and explains why", () => {
    expect(nameProblem("年报/2021/报告.txt")).toBeNull();
    expect(nameProblem("/abs/ok.txt")).toBeNull();
    expect(nameProblem("")).toMatch(/empty/);
    expect(nameProblem("a\u0000b.txt")).toMatch(/control/);
    expect(nameProblem("../../etc/passwd")).toMatch(/\.\./);
    expect(nameProblem("x".repeat(2000))).toMatch(/2000 characters/);
    expect(nameProblem(Array.from({ length: 100 }, () => "d").join("/"))).toMatch(/100 folders/);
    expect(printableName("a\u0001b")).toBe("a\\x01b");
  });

  it("skips names that are clearly not reports, keeps text and HTML pages", () => {
    for (const name of ["a.txt", "b.html", "c.HTM", "d.shtml", "e.jsp", "noext", "dir/f.md"]) expect(notAReportByName(name)).toBeNull();
    for (const name of ["a.pdf", "b.DOCX", "c/d.png", "x.zip", "__MACOSX/a.txt", "dir/._a.txt", ".DS_Store", "Thumbs.db"]) {
      expect(notAReportByName(name)).not.toBeNull();
    }
  });

  it("sees binary content by its NUL bytes", () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBe(true);
    expect(looksBinary(Buffer.from("纯文本\n"))).toBe(false);
  });
});

describe("limits", () => {
  it("parses sizes with units", () => {
    expect(parseSize("1000")).toBe(1000);
    expect(parseSize("32M")).toBe(32 * 1024 * 1024);
    expect(parseSize("512k")).toBe(512 * 1024);
    expect(parseSize("1.5G")).toBe(1.5 * 1024 ** 3);
    for (const bad of ["", "-1", "0", "12X", "M"]) expect(parseSize(bad)).toBeNull();
  });

  it("stops reading a stream at the size limit and at the ratio limit", async () => {
    const chunks = (n: number, size: number) => Array.from({ length: n }, () => new Uint8Array(size));
    const base = { maxRatio: 10, ratioFloor: 1000 };
    await expect(readLimited(chunks(4, 100), { ...base, maxBytes: 1000 })).resolves.toHaveLength(400);
    await expect(readLimited(chunks(20, 100), { ...base, maxBytes: 1000 })).rejects.toMatchObject({ kind: BulkCodes.memberTooLarge });
    await expect(readLimited(chunks(20, 100), { ...base, maxBytes: 10_000, compressedBytes: 50 })).rejects.toMatchObject({
      kind: BulkCodes.memberRatioExceeded,
    });
    // Under the floor, a high ratio is fine (a small page of spaces).
    await expect(readLimited(chunks(9, 100), { ...base, maxBytes: 10_000, compressedBytes: 1 })).resolves.toHaveLength(900);
  });
});

describe("inputs", () => {
  it("classifies files by name and normalises paths", () => {
    expect(["a.zip", "b.tar", "c.tar.gz", "d.TGZ", "e.warc", "f.warc.gz", "g.txt"].map(kindByName)).toEqual([
      "zip",
      "tar",
      "tar",
      "tar",
      "warc",
      "warc",
      "file",
    ]);
    expect(normalizeInput("./data//x/")).toBe("data/x");
  });

  it("splits stdin lists by line or by NUL", () => {
    expect(splitPathList("a.zip\r\nb dir/c.txt\n\n")).toEqual(["a.zip", "b dir/c.txt"]);
    expect(splitPathList("a\nb\0c\0")).toEqual(["a\nb", "c"]);
  });
});

describe("shards", () => {
  it("parses K/N and rejects the rest", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "3"]) expect(parseShard(bad)).toBeNull();
  });

  it("puts every key in exactly one shard, spread evenly, with a stable id", () => {
    const count = 5;
    const sizes = new Array<number>(count).fill(0);
    for (let i = 0; i < 5000; i++) {
      const hash = keyHash(`archive.zip::member-${i}.txt`);
      const owners = Array.from({ length: count }, (_, k) => inShard(hash, { index: k + 1, count })).filter(Boolean);
      expect(owners).toHaveLength(1);
      sizes[Array.from({ length: count }, (_, k) => inShard(hash, { index: k + 1, count })).indexOf(true)]! += 1;
    }
    for (const size of sizes) expect(size).toBeGreaterThan(850);
    expect(reportId(keyHash("a::b"))).toMatch(/^[0-9a-f]{16}$/);
    expect(reportId(keyHash("a::b"))).toBe(reportId(keyHash("a::b")));
  });
});

describe("panel columns", () => {
  it("has Stata-safe, unique names of at most 32 ASCII characters", () => {
    expect(new Set(PANEL_HEADER).size).toBe(PANEL_HEADER.length);
    for (const name of PANEL_HEADER) {
      expect(name, name).toMatch(COLUMN_NAME);
      expect(name.length).toBeLessThanOrEqual(32);
    }
  });

  it("has one numeric column per grid cell of both templates", () => {
    const expected = new Set<string>();
    const cols = (row: { columns: unknown }, t: "2021" | "2019") => {
      const c = row.columns as { key: string }[] | Record<string, { key: string }[] | undefined>;
      return Array.isArray(c) ? c : (c[t] ?? []);
    };
    for (const row of PROACTIVE_ROWS_2021) for (const c of cols(row, "2021")) expected.add(`proactive.${row.key}.${c.key}`);
    for (const row of PROACTIVE_ROWS_2019) for (const c of cols(row, "2019")) expected.add(`proactive.${row.key}.${c.key}`);
    for (const row of [...REQUEST_ROWS_2021, ...REQUEST_ROWS_2019]) {
      for (const a of APPLICANT_COLUMNS) expected.add(`requests.${row.path}.${a.key}`);
    }
    for (const g of OUTCOME_GROUPS) for (const o of OUTCOME_COLUMNS) expected.add(`reviewsAndLawsuits.${g.key}.${o.key}`);
    expect(new Set(NUMERIC_COLUMNS.map((c) => c.path))).toEqual(expected);
    expect(NUMERIC_COLUMNS).toHaveLength(expected.size);
  });

  it("codebook rows carry the grid's official labels for each template", () => {
    const rows = codebookRows();
    expect(rows).toHaveLength(PANEL_HEADER.length);
    expect(rows.map((r) => r[0])).toEqual(PANEL_HEADER);
    const byPath = new Map(rows.map((r) => [r[1], Object.fromEntries(CODEBOOK_HEADER.map((h, i) => [h, r[i]]))]));
    for (const row of REQUEST_ROWS_2021) {
      for (const a of APPLICANT_COLUMNS) {
        const entry = byPath.get(`requests.${row.path}.${a.key}`)!;
        expect(entry.row_label_2021).toBe(row.label);
        expect(entry.column_label_2021).toBe(a.label);
      }
    }
    for (const row of REQUEST_ROWS_2019) {
      expect(byPath.get(`requests.${row.path}.total`)!.row_label_2019).toBe(row.label);
    }
    for (const g of OUTCOME_GROUPS) {
      for (const o of OUTCOME_COLUMNS) {
        const entry = byPath.get(`reviewsAndLawsuits.${g.key}.${o.key}`)!;
        expect([entry.row_label_2021, entry.column_label_2021]).toEqual([g.label, o.label]);
      }
    }
    const row2019 = PROACTIVE_ROWS_2019.find((r) => r.key === "procurement")!;
    const procurement = byPath.get("proactive.procurement.totalAmount")!;
    expect(procurement.row_label_2019).toBe(row2019.label);
    expect(procurement.row_label_2021 ?? "").toBe("");
    for (const m of META_COLUMNS) expect(byPath.get(m.path)!.description).toBeTruthy();
  });

  it("reads values by path, arrays included", () => {
    const report = { a: { b: [{ c: 3 }] } };
    expect(valueAt(report, ["a", "b", "0", "c"])).toBe(3);
    expect(valueAt(report, ["a", "x", "c"])).toBeUndefined();
  });
});
