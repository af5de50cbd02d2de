/**
 * The lock on an output directory: one run at a time per `--out`. Two runs writing one folder
 * corrupt each other (SQLite refuses, the state file's rename races, or with different inputs
 * the panels mix silently), so a second run is refused with a usage error while a first holds
 * the lock.
 *
 * proper-lockfile, not a hand-written `O_EXCL` file: its lock is a directory whose mtime the
 * holder refreshes every few seconds, so a lock left by a run that died without cleaning up
 * (`kill -9`, a lost node, a full disk) is recognised as stale from its age, on any host and
 * on network file systems, where a PID written into an exclusive file says nothing. On top of
 * that, the owner file beside the lock names the holder's host and PID, so that on the same
 * host a lock of a dead process is taken over at once rather than after the stale interval
 * (rerunning with `--resume` right after a crash is the common case).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";

/** The lock directory proper-lockfile creates inside `--out`. */
export const LOCK_NAME = ".zfxxgk-bulk.lock";
/** Who holds the lock: `{pid, host, started}` as JSON, written right after locking. */
export const LOCK_OWNER_NAME = ".zfxxgk-bulk.lock.owner";

/**
 * A lock not refreshed for this long is stale. Generous because the holder refreshes it from
 * its event loop, which a long synchronous stretch (an fsync on a slow disk, a slow parse with
 * `--jobs 0`) may hold up; a dead holder on this host is detected at once by its PID anyway.
 */
const STALE_MS = 60_000;
/** How often the holder refreshes the lock's mtime. */
const UPDATE_MS = 5_000;

/** The directory is locked by a live run. */
export class LockedError extends Error {
  override name = "LockedError";
}

/** Who holds a lock, as written in the owner file. */
interface Owner {
  pid: number;
  host: string;
  started: string;
}

/** A held lock. */
export interface OutLock {
  /**
   * Set when the lock was lost while held (it could not be refreshed within the stale
   * interval, or another process took it over): the outputs can no longer be trusted.
   */
  readonly compromised: Error | null;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

function readOwner(dir: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(join(dir, LOCK_OWNER_NAME), "utf8")) as Partial<Owner>;
    if (typeof owner.pid !== "number" || typeof owner.host !== "string") return null;
    return { pid: owner.pid, host: owner.host, started: typeof owner.started === "string" ? owner.started : "?" };
  } catch {
    return null;
  }
}

/** The lock's holder ran on this host and is gone (not this process): its lock may be taken over at once. */
function deadHere(owner: Owner | null): owner is Owner {
  return owner !== null && owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Locks `dir` (which must exist). Throws {@link LockedError} when another live run holds it;
 * a stale lock (not refreshed for a minute, or whose holder on this host is dead) is taken over.
 */
export async function lockOutDir(dir: string, seams: LockSeams = {}): Promise<OutLock> {
  const lockPath = join(dir, LOCK_NAME);
  let compromised: Error | null = null;
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    retries: 0,
    // The default throws from a timer and kills the process mid-write; the run checks this
    // flag after every record instead and stops with a clear message.
    onCompromised: (error: Error) => {
      compromised = error;
    },
  };
  const writeOwner = () => writeFileSync(join(dir, LOCK_OWNER_NAME), `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() })}\n`);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const owner = readOwner(dir);
    if (!deadHere(owner)) throw lockedError(dir, owner);
    await seams.judgedDead?.();
    release = await takeOver(dir, lockPath, options, writeOwner);
    return held(dir, release, () => compromised);
  }
  try {
    writeOwner();
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  return held(dir, release, () => compromised);
}

/** Test seams of {@link lockOutDir}. */
export interface LockSeams {
  /** Runs after the holder was judged dead, before the takeover: a test parks a taker there. */
  judgedDead?: () => Promise<void>;
}

/** Beside the lock while one run takes a dead holder's lock over: one taker at a time. */
export const TAKEOVER_NAME = ".zfxxgk-bulk.lock.takeover";
/** A takeover never takes this long; a mutex this old was left by a taker that died. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Takes over the lock of a holder on this host that died without releasing it. Two runs
 * started together after a crash both see the dead holder; without a mutex the second
 * would delete the lock the first had just taken, and both would write the folder. So the
 * taker first makes the takeover directory (mkdir is atomic: one wins), judges the holder
 * again under it (the owner file names the winner, or is gone while it locks), and keeps it
 * until its own owner file is written.
 */
async function takeOver(dir: string, lockPath: string, options: Parameters<typeof lockfile.lock>[1], writeOwner: () => void): Promise<() => Promise<void>> {
  const mutex = join(dir, TAKEOVER_NAME);
  try {
    mkdirSync(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    let age = 0;
    try {
      age = Date.now() - statSync(mutex).mtimeMs;
    } catch {
      // Gone already: the other taker finished.
    }
    if (age < TAKEOVER_STALE_MS) throw lockedError(dir);
    rmSync(mutex, { recursive: true, force: true });
    try {
      mkdirSync(mutex);
    } catch {
      throw lockedError(dir);
    }
  }
  try {
    const owner = readOwner(dir);
    if (!deadHere(owner)) throw lockedError(dir, owner);
    // The holder died without releasing: same host, no such process. Its owner file goes
    // first, so that a run arriving now does not judge our fresh lock by it.
    rmSync(join(dir, LOCK_OWNER_NAME), { force: true });
    rmSync(lockPath, { recursive: true, force: true });
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === "ELOCKED") throw lockedError(dir);
      throw again;
    }
    try {
      writeOwner();
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
    return release;
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

/** The {@link OutLock} of a lock this run holds. */
function held(dir: string, release: () => Promise<void>, compromised: () => Error | null): OutLock {
  let released = false;
  return {
    get compromised() {
      return compromised();
    },
    async release() {
      if (released) return;
      released = true;
      // A compromised lock may belong to someone else by now: leave it and the owner file alone.
      if (compromised()) return;
      rmSync(join(dir, LOCK_OWNER_NAME), { force: true });
      await release().catch(() => undefined);
    },
  };
}

function lockedError(dir: string, owner: Owner | null = readOwner(dir)): LockedError {
  const who = owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.started})` : "";
  return new LockedError(
    `${dir} is in use by another zfxxgk bulk run${who}; wait for it to finish or choose another --out ` +
      `(a lock left by a run that died is taken over after ${STALE_MS / 1000} s)`,
  );
}

/** Whether a directory entry is the lock's own (not an output). */
export function isLockEntry(name: string): boolean {
  return name === LOCK_NAME || name === LOCK_OWNER_NAME || name === TAKEOVER_NAME;
}
