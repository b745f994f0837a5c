// What the user sees when the core refuses to start: the StartupError's message, or a generic one; never a stack.
import { describe, expect, it } from 'vitest';
import {
  dataDirFromEnv,
  describeStartupFailure,
  sqliteBindingFromEnv,
  STARTUP_FAILURE_TITLE,
} from '../../../main/startup';

class StartupError extends Error {}
const isStartupError = (error: unknown): error is Error => error instanceof StartupError;

describe('describeStartupFailure', () => {
  it('shows a StartupError message as is', () => {
    const message =
      'This database was written by a newer version of Piket (schema 9). Update Piket to open it.';
    expect(describeStartupFailure(new StartupError(message), isStartupError)).toEqual({
      title: STARTUP_FAILURE_TITLE,
      message,
      logDetails: false,
    });
  });

  it('hides the details of an unexpected error and asks for them to be logged', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'prepare')");
    const failure = describeStartupFailure(error, isStartupError);
    expect(failure.logDetails).toBe(true);
    expect(failure.message).not.toContain('prepare');
    expect(failure.message).not.toContain(String(error.stack).split('\n')[1]);
    expect(failure.message).toContain('log');
  });

  it('handles non-errors and empty messages', () => {
    expect(describeStartupFailure('boom', isStartupError).logDetails).toBe(true);
    expect(describeStartupFailure(new StartupError('  '), isStartupError).logDetails).toBe(true);
  });
});

describe('dataDirFromEnv', () => {
  it('uses PIKET_DATA_DIR when set, else the shared default folder', () => {
    expect(dataDirFromEnv({ PIKET_DATA_DIR: '/data/piket' }, () => '/default')).toBe('/data/piket');
    expect(dataDirFromEnv({ PIKET_DATA_DIR: ' ' }, () => '/default')).toBe('/default');
    expect(dataDirFromEnv({}, () => '/default')).toBe('/default');
  });
});

describe('sqliteBindingFromEnv', () => {
  it('reads PIKET_SQLITE_BINDING in a development run, ignoring blanks', () => {
    expect(sqliteBindingFromEnv({ PIKET_SQLITE_BINDING: '/x/better_sqlite3.node' }, false)).toBe(
      '/x/better_sqlite3.node',
    );
    expect(sqliteBindingFromEnv({ PIKET_SQLITE_BINDING: '  ' }, false)).toBeUndefined();
    expect(sqliteBindingFromEnv({}, false)).toBeUndefined();
  });

  it('never lets an environment variable load native code into the packaged app', () => {
    expect(sqliteBindingFromEnv({ PIKET_SQLITE_BINDING: '/tmp/evil.node' }, true)).toBeUndefined();
  });
});
