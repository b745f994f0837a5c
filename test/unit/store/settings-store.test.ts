// The settings key/value store: JSON round trips, fallbacks, overwrites and refusing what JSON cannot hold.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrations';
import { SettingsStore } from '../../../src/store/settings-store';

describe('SettingsStore', () => {
  let db: Database.Database;
  let settings: SettingsStore;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    settings = new SettingsStore(db);
  });

  it('returns the fallback for a key never set', () => {
    expect(settings.get('language', 'system')).toBe('system');
  });

  it('round-trips JSON values and overwrites', () => {
    settings.set('me', 'Sanne');
    settings.set('demoEnabled', false);
    settings.set('window', { width: 1200, height: 800, panes: [1, 2] });
    settings.set('nothing', null);
    expect(settings.get('me', '')).toBe('Sanne');
    expect(settings.get('demoEnabled', true)).toBe(false);
    expect(settings.get('window', {})).toEqual({ width: 1200, height: 800, panes: [1, 2] });
    expect(settings.get<string | null>('nothing', 'x')).toBeNull();
    settings.set('me', 'Joris');
    expect(settings.get('me', '')).toBe('Joris');
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(4);
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => settings.set('x', undefined)).toThrow(TypeError);
    expect(() => settings.set('x', () => 1)).toThrow(TypeError);
    expect(settings.get('x', 'fallback')).toBe('fallback');
  });
});
