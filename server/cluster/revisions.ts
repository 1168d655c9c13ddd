/**
 * Which stored updates of a document a process holds in memory. The database numbers every
 * update of every process (1, 2, 3…), and they arrive here out of order: this process's own, the
 * others' through Redis, and catch-ups read from the database. `through` is the revision up to
 * which none is missing — the only safe revision to compact at or to report.
 */
export class RevisionTracker {
  /** Held, numbered above `through`, with something missing below them. */
  private readonly ahead = new Set<number>();
  /** The highest revision known to exist (held or not). */
  private known: number;

  constructor(public through: number) {
    this.known = through;
  }

  has(revision: number): boolean {
    return revision <= this.through || this.ahead.has(revision);
  }

  /** Records that `revision` is in memory. */
  mark(revision: number): void {
    this.heardOf(revision);
    if (revision <= this.through) return;
    this.ahead.add(revision);
    this.absorb();
  }

  /** Records that every revision up to `revision` is in memory (a catch-up or a snapshot). */
  markThrough(revision: number): void {
    this.heardOf(revision);
    if (revision <= this.through) return;
    this.through = revision;
    for (const r of this.ahead) if (r <= revision) this.ahead.delete(r);
    this.absorb();
  }

  /** Records that `revision` exists (its update may still be on its way). */
  heardOf(revision: number): void {
    if (revision > this.known) this.known = revision;
  }

  /** The highest revision known to exist when some update up to it is not in memory; else null. */
  get missingUpTo(): number | null {
    return this.known > this.through ? this.known : null;
  }

  private absorb(): void {
    while (this.ahead.delete(this.through + 1)) this.through += 1;
  }
}
