// The main-process log: timestamped lines, errors with their stack (for the log only), bounded size.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMainLog } from '../../../main/log-file';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs('piket-log-');
const now = () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

describe('createMainLog', () => {
  it('appends timestamped lines and creates the folder', () => {
    const dir = join(tempDir(), 'logs');
    const echo = vi.fn();
    const log = createMainLog({ dir, now, echo });
    log.info('started');
    log.error('boom', new Error('kaput'));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(
      /^2026-01-02T03:04:05.000Z INFO started\n2026-01-02T03:04:05.000Z ERROR boom\nError: kaput\n/,
    );
    expect(echo).toHaveBeenCalledTimes(2);
  });

  it('rotates a file that grew past the limit', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.log'), 'x'.repeat(200));
    const log = createMainLog({ dir, now, maxBytes: 100 });
    log.info('fresh');
    expect(readFileSync(join(dir, 'main.old.log'), 'utf8')).toBe('x'.repeat(200));
    expect(readFileSync(log.file, 'utf8')).toBe('2026-01-02T03:04:05.000Z INFO fresh\n');
  });

  it('never throws when the folder cannot be written', () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, '');
    const echo = vi.fn();
    const log = createMainLog({ dir: join(file, 'logs'), now, echo });
    expect(() => log.info('still running')).not.toThrow();
    expect(echo).toHaveBeenCalledOnce();
    expect(existsSync(join(file, 'logs'))).toBe(false);
  });
});
