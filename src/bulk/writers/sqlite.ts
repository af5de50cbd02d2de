/**
 * `reports.sqlite`: the CSV tables again, typed, in one file a researcher can query with SQL.
 * better-sqlite3 is an optional dependency (a native module that may fail to build), so it is
 * loaded here, lazily; without it Node's own `node:sqlite` serves where the Node version has
 * it, and only when neither is there does SQLite turn into a warning instead of a failed run.
 *
 * Rows are inserted in one transaction per checkpoint, a few hundred rows per statement, and
 * the indexes are built at the end, which is several times faster than indexing while inserting.
 */
import { LEGACY_COLUMNS } from "../legacy-columns.js";
import { DUPLICATES_HEADER, LINKS_HEADER } from "../panel-pass.js";
import { rmSync } from "node:fs";
import { CODEBOOK_HEADER, META_COLUMNS, NUMERIC_COLUMNS } from "../panel.js";
import { CELLS_HEADER, CHECKS_HEADER, DIAGNOSTICS_HEADER, MANIFEST_HEADER } from "../render.js";
import type { SqlRows } from "../types.js";

/** The subset of better-sqlite3's Database used here. */
export interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  pragma(sql: string): unknown;
  close(): unknown;
}

/** better-sqlite3's constructor. */
export type SqliteConstructor = new (path: string) => SqliteDatabase;

/** Loads better-sqlite3; rejects when it is not installed or its native part does not load. */
export async function loadBetterSqlite(): Promise<SqliteConstructor> {
  const module = (await import("better-sqlite3")) as unknown as { default: SqliteConstructor };
  return module.default;
}

/** What of `node:sqlite`'s DatabaseSync the adapter uses. */
interface NodeDatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
}

/** `node:sqlite`, where this Node has it (22.13+ unflagged), without its experimental-feature warning on stderr; else null. */
export function nodeSqliteModule(): { DatabaseSync: new (path: string) => NodeDatabaseSync } | null {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof get !== "function") return null;
  const emit = process.emitWarning;
  // The warning says the API may change; bulk uses five calls of it, pinned by tests/bulk.
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning instanceof Error ? warning.message : warning).includes("SQLite")) (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const module = get.call(process, "node:sqlite") as { DatabaseSync?: new (path: string) => NodeDatabaseSync } | undefined;
    return module?.DatabaseSync ? { DatabaseSync: module.DatabaseSync } : null;
  } catch {
    return null;
  } finally {
    process.emitWarning = emit;
  }
}

/** better-sqlite3's surface over a `node:sqlite` DatabaseSync: `pragma` is a `PRAGMA` statement there. */
export function nodeSqliteConstructor(DatabaseSync: new (path: string) => NodeDatabaseSync): SqliteConstructor {
  return class implements SqliteDatabase {
    private readonly db: NodeDatabaseSync;
    constructor(path: string) {
      this.db = new DatabaseSync(path);
    }
    exec(sql: string): unknown {
      return this.db.exec(sql);
    }
    prepare(sql: string): { run(...params: unknown[]): unknown } {
      return this.db.prepare(sql);
    }
    pragma(sql: string): unknown {
      return this.db.exec(`PRAGMA ${sql}`);
    }
    close(): unknown {
      return this.db.close();
    }
  };
}

/**
 * The SQLite to write with: better-sqlite3 (an optional native dependency), else the
 * `node:sqlite` built into Node 22.13 and later, so that an install without optional
 * dependencies, or one whose native build failed, still gets reports.sqlite where Node has
 * it. Rejects with better-sqlite3's error when neither is there (the warning names its fix).
 */
export async function loadSqlite(): Promise<SqliteConstructor> {
  try {
    const Database = await loadBetterSqlite();
    // better-sqlite3 loads its native part when the first database opens, not on import.
    new Database(":memory:").close();
    return Database;
  } catch (error) {
    const builtin = nodeSqliteModule();
    if (builtin) return nodeSqliteConstructor(builtin.DatabaseSync);
    throw error;
  }
}

type Column = readonly [name: string, type: "TEXT" | "INTEGER" | "REAL"];

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables, their columns and types, in CSV column order. */
export const SQLITE_TABLES: Record<string, readonly Column[]> = {
  panel: [
    ...META_COLUMNS.map((c): Column => [c.name, c.type === "integer" ? "INTEGER" : "TEXT"]),
    ...NUMERIC_COLUMNS.map((c): Column => [c.name, "REAL"]),
    ...LEGACY_COLUMNS.map((c): Column => [c.name, "REAL"]),
  ],
  cells: CELLS_HEADER.map((name): Column => [name, name === "value" ? "REAL" : name === "line" || name === "column" ? "INTEGER" : "TEXT"]),
  checks: CHECKS_HEADER.map((name): Column => [name, name === "expected" || name === "actual" ? "REAL" : "TEXT"]),
  diagnostics: DIAGNOSTICS_HEADER.map((name): Column => [name, name === "line" || name === "column" ? "INTEGER" : "TEXT"]),
  manifest: MANIFEST_HEADER.map((name): Column => [name, name === "seq" || name === "bytes" || name === "http_status" ? "INTEGER" : "TEXT"]),
  codebook: CODEBOOK_HEADER.map((name): Column => [name, "TEXT"]),
};

/** The indexes built at the end: every table by report id, the long tables by path (and code, check id). */
export const SQLITE_INDEXES: readonly (readonly [table: string, column: string])[] = [
  ["panel", "report_id"],
  ["cells", "report_id"],
  ["cells", "path"],
  ["checks", "report_id"],
  ["checks", "check_id"],
  ["diagnostics", "report_id"],
  ["diagnostics", "path"],
  ["diagnostics", "code"],
  ["manifest", "report_id"],
  ["manifest", "seq"],
  ["codebook", "path"],
];

/** SQLite binds null, not undefined (an absent optional field): replaced in place. */
function bindable(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return row;
}

type Statement = { run(...params: unknown[]): unknown };

/**
 * Bound parameters per multi-row INSERT: under SQLite's limit (32766 since 3.32; both
 * better-sqlite3 and node:sqlite bundle newer), so a panel row of ~300 columns goes ~100 at a time.
 */
const MAX_PARAMS = 32_000;
/** Rows per multi-row INSERT for the narrow tables: past this the statement only grows. */
const MAX_BATCH_ROWS = 256;

/**
 * The rows of one table waiting to be inserted, flattened into one parameter array. One
 * `run` per few hundred rows instead of one per row: with a row per call, the main thread
 * spent a third of a run crossing into SQLite (~7 s of 20 on 5,100 reports).
 */
class TableBuffer {
  private params: unknown[] = [];
  private rows = 0;
  /** Statements by row count: the full batch's, and the one of the rest flushed at a commit. */
  private readonly statements = new Map<number, Statement>();
  readonly batchRows: number;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly table: string,
    private readonly width: number,
  ) {
    this.batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / width)));
  }

  add(row: readonly unknown[]): void {
    // SQLite binds null, not undefined (an absent optional field); a short row is padded.
    for (let i = 0; i < this.width; i++) {
      const v = row[i];
      this.params.push(v === undefined ? null : v);
    }
    this.rows += 1;
    if (this.rows === this.batchRows) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    this.statement(this.rows).run(...this.params);
    this.params = [];
    this.rows = 0;
  }

  private statement(rows: number): Statement {
    let st = this.statements.get(rows);
    if (!st) {
      const one = `(${new Array(this.width).fill("?").join(", ")})`;
      st = this.db.prepare(`INSERT INTO ${q(this.table)} VALUES ${new Array(rows).fill(one).join(", ")}`);
      // Only the full batch is reused on every flush; a rest's size rarely repeats.
      if (rows === this.batchRows) this.statements.set(rows, st);
    }
    return st;
  }
}

/** The open database of a run. */
export class SqliteSink {
  private readonly insert: Record<string, Statement> = {};
  private readonly buffers: Record<"panel" | "cells" | "checks" | "diagnostics" | "manifest", TableBuffer>;

  private constructor(private readonly db: SqliteDatabase) {
    for (const [table, columns] of Object.entries(SQLITE_TABLES)) {
      this.insert[table] = db.prepare(`INSERT INTO ${q(table)} VALUES (${columns.map(() => "?").join(", ")})`);
    }
    const buffer = (table: keyof SqliteSink["buffers"]) => new TableBuffer(db, table, SQLITE_TABLES[table]!.length);
    this.buffers = { panel: buffer("panel"), cells: buffer("cells"), checks: buffer("checks"), diagnostics: buffer("diagnostics"), manifest: buffer("manifest") };
    db.exec("BEGIN");
  }

  /**
   * Opens `path` fresh (any old file removed) or, for a resume, keeps it and deletes the rows
   * of records after `resumeAfterSeq` (written after the last checkpoint).
   */
  static open(Database: SqliteConstructor, path: string, resumeAfterSeq: number | null): SqliteSink {
    if (resumeAfterSeq === null) {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
    }
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    for (const [table, columns] of Object.entries(SQLITE_TABLES)) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${q(table)} (${columns.map(([n, t]) => `${q(n)} ${t}`).join(", ")})`);
    }
    if (resumeAfterSeq !== null) {
      const later = `SELECT report_id FROM manifest WHERE seq > ${Math.trunc(resumeAfterSeq)}`;
      for (const table of ["panel", "cells", "checks", "diagnostics"]) db.exec(`DELETE FROM ${q(table)} WHERE report_id IN (${later})`);
      db.exec(`DELETE FROM manifest WHERE seq > ${Math.trunc(resumeAfterSeq)}`);
    }
    return new SqliteSink(db);
  }

  /** Queues one record's rows; they reach the database in batches, all of them by the next commit. */
  write(rows: SqlRows): void {
    const b = this.buffers;
    b.manifest.add(rows.manifest);
    if (rows.panel) b.panel.add(rows.panel);
    if (rows.cells) for (const row of rows.cells) b.cells.add(row);
    if (rows.checks) for (const row of rows.checks) b.checks.add(row);
    if (rows.diagnostics) for (const row of rows.diagnostics) b.diagnostics.add(row);
  }

  /** Inserts every queued row (rows of one table keep their order; tables are independent). */
  private flush(): void {
    for (const buffer of Object.values(this.buffers)) buffer.flush();
  }

  /** Makes everything inserted so far durable (called before each checkpoint). */
  commit(): void {
    this.flush();
    this.db.exec("COMMIT");
    this.db.exec("BEGIN");
  }

  /**
   * Writes the codebook and the panel pass (duplicates and links tables; dropped duplicates
   * removed from `panel`, as from panel.csv), builds the indexes and leaves one self-contained
   * file (no -wal).
   */
  finish(codebook: readonly (readonly unknown[])[], pass: { dropped: ReadonlySet<string>; duplicates: string[][]; links: string[][] } | null = null): void {
    this.flush();
    this.db.exec("DELETE FROM codebook");
    for (const row of codebook) this.insert.codebook!.run(...bindable([...row]));
    if (pass) {
      const tables = [["duplicates", DUPLICATES_HEADER, pass.duplicates], ["links", LINKS_HEADER, pass.links]] as const;
      for (const [table, header, rows] of tables) {
        this.db.exec(`DROP TABLE IF EXISTS ${q(table)}`);
        this.db.exec(`CREATE TABLE ${q(table)} (${header.map((n) => `${q(n)} TEXT`).join(", ")})`);
        const insert = this.db.prepare(`INSERT INTO ${q(table)} VALUES (${header.map(() => "?").join(", ")})`);
        for (const row of rows) insert.run(...row);
      }
      // Indexed first: without it each delete scans the whole panel, quadratic in the archive
      // (1.2 s of a 5,000-report run's 1.5 s finish).
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${q("panel_report_id")} ON ${q("panel")} (${q("report_id")})`);
      const drop = this.db.prepare(`DELETE FROM ${q("panel")} WHERE report_id = ?`);
      for (const id of pass.dropped) drop.run(id);
    }
    this.db.exec("COMMIT");
    for (const [table, column] of SQLITE_INDEXES) {
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${q(`${table}_${column}`)} ON ${q(table)} (${q(column)})`);
    }
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    this.db.pragma("journal_mode = DELETE");
    this.db.close();
  }

  /** Commits and closes without finishing (an interrupted run). */
  close(): void {
    this.flush();
    this.db.exec("COMMIT");
    this.db.close();
  }
}
