/**
 * Record keys must be unique, but archives may hold one name twice (a zip appended to, a tar
 * with an updated file). The second `a.txt` becomes `a.txt#2`, deterministically.
 */

/** Hands out unique keys within one archive. */
export class UniqueKeys {
  private readonly seen = new Map<string, number>();

  /** The key itself the first time, then `key#2`, `key#3`, … */
  make(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  }
}
