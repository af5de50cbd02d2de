/**
 * The worker pool's failure paths with stand-in worker files: a worker that hangs becomes a
 * `member-timeout` record, one that dies a `worker-crashed` record, and the run goes on.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerExecutor } from "../../src/bulk/pool.js";
import type { MemberTask } from "../../src/bulk/types.js";
import { removeTempDirs, tempDir } from "./helpers/run.js";

afterAll(removeTempDirs);

const task = (seq: number, text: string): MemberTask => ({
  seq,
  id: `00000000000000${String(seq).padStart(2, "0")}`,
  origin: { kind: "file", archive: `m${seq}.txt`, member: null },
  bytes: new TextEncoder().encode(text),
  formats: ["diagnostics"],
});

describe("worker pool", () => {
  it("turns a hung worker into member-timeout and a dead one into worker-crashed, then keeps working", async () => {
    const dir = tempDir();
    const worker = join(dir, "worker.mjs");
    writeFileSync(
      worker,
      `export default function (task) {
         const text = new TextDecoder().decode(task.bytes);
         if (text === "hang") for (;;) {}
         if (text === "die") process.exit(1);
         return { seq: task.seq, id: task.id, status: "ok", code: null, reason: null, origin: { ...task.origin, bytes: task.bytes.length, sha256: null }, text: { manifest: text + "\\n" } };
       }`,
    );
    const pool = await workerExecutor(1, 500, worker);
    try {
      const hung = await pool.run(task(1, "hang"));
      expect(hung).toMatchObject({ status: "error", code: "member-timeout", origin: { archive: "m1.txt", bytes: 4 } });
      expect(hung.text.diagnostics).toMatch(/member-timeout/);
      const died = await pool.run(task(2, "die"));
      expect(died).toMatchObject({ status: "error", code: "worker-crashed" });
      const fine = await pool.run(task(3, "fine"));
      expect(fine).toMatchObject({ status: "ok", text: { manifest: "fine\n" } });
      // A member that shared the terminated worker is run again, not blamed.
      const [hung2, bystander] = await Promise.all([pool.run(task(4, "hang")), pool.run(task(5, "bystander"))]);
      expect(hung2).toMatchObject({ status: "error", code: "member-timeout" });
      expect(bystander).toMatchObject({ status: "ok", text: { manifest: "bystander\n" } });
    } finally {
      await pool.close();
    }
  });
});
