// The persisted log of raised alert keys: the scheduler consults it so a restart never raises an alert twice.
import type Database from 'better-sqlite3';

export class AlertLog {
  private readonly exists: Database.Statement<[string], number>;
  private readonly insert: Database.Statement<[string, number]>;
  private readonly insertAll: (keys: readonly string[], firedAt: number) => void;

  constructor(db: Database.Database) {
    this.exists = db.prepare<[string], number>('SELECT 1 FROM alerts_fired WHERE key = ?').pluck();
    this.insert = db.prepare('INSERT OR IGNORE INTO alerts_fired (key, fired_at) VALUES (?, ?)');
    this.insertAll = db.transaction((keys: readonly string[], firedAt: number) => {
      for (const key of keys) this.insert.run(key, firedAt);
    });
  }

  has(key: string): boolean {
    return this.exists.get(key) !== undefined;
  }

  add(keys: readonly string[], firedAt: number): void {
    this.insertAll(keys, firedAt);
  }
}
