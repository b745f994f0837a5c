// The outbox as far as connections need it: how many of a source's changes have not reached its ticket system,
// and throwing them away when the user removes that connection knowing how many.
import type Database from 'better-sqlite3';

/** States of a change that has not (or not surely) reached the server. */
const UNSENT = "('pending', 'inflight', 'unknown', 'conflict', 'rejected')";

export class OutboxStore {
  private readonly unsent: Database.Statement<[string], number>;
  private readonly discardAll: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.unsent = db
      .prepare<[string], number>(`SELECT count(*) FROM outbox WHERE source = ? AND state IN ${UNSENT}`)
      .pluck();
    this.discardAll = db.prepare<[string]>('DELETE FROM outbox WHERE source = ?');
  }

  countUnsent(source: string): number {
    return this.unsent.get(source)!;
  }

  /** Deletes every change of the source, sent or not: only for a source that is being removed. */
  discard(source: string): void {
    this.discardAll.run(source);
  }
}
