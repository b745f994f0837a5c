// A tiny typed key/value store over the `settings` table; every value is kept as JSON.
import type Database from 'better-sqlite3';

export class SettingsStore {
  private readonly read: Database.Statement<[string], string>;
  private readonly write: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** The stored value, or `fallback` when the key was never set. The caller owns the type: validate if it matters. */
  get<T>(key: string, fallback: T): T {
    const json = this.read.get(key);
    return json === undefined ? fallback : (JSON.parse(json) as T);
  }

  /** Stores any JSON-serializable value; throws a TypeError for values JSON cannot represent (undefined, functions). */
  set(key: string, value: unknown): void {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) throw new TypeError(`Setting ${key} cannot be stored as JSON`);
    this.write.run(key, json);
  }
}
