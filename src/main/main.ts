/**
 * The `zfxxgk` executable: binds `run` to the real process. Kept thin on purpose; everything
 * testable lives in `run.ts`.
 */
import { run } from "./run.js";

let stdoutClosed = false;

// `zfxxgk parse *.txt | head` closes the pipe early. Node would crash with an EPIPE stack
// trace; instead stop writing and let the run finish so the exit code still tells the truth.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") {
    stdoutClosed = true;
    return;
  }
  process.stderr.write(`zfxxgk: cannot write output: ${error.message}\n`);
  process.exit(2);
});
process.stderr.on("error", () => {
  // Nowhere left to report to.
});

const env = process.env;
const color = process.stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb";

run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  color,
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
  onInterrupt(handler) {
    const on = () => handler();
    process.once("SIGINT", on);
    process.once("SIGTERM", on);
    return () => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
    };
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`zfxxgk: internal error: ${message} (this is a bug in zfxxgk)\n`);
    process.exitCode = 3;
  },
);
