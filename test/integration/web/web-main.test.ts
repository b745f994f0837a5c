// `npm run web` as a real process (src/web/main.ts through tsx): --open hands the printed link to the OS opener
// (here a stand-in xdg-open on PATH), a failing opener leaves the host serving and says to open the link by hand,
// and SIGINT closes the host and ends with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dir';
import { exitOf, withDeadline } from '../../support/waits';

const MAIN = fileURLToPath(new URL('../../../src/web/main.ts', import.meta.url));
const tempDir = useTempDirs('piket-web-main-');
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exitOf(child);
  }
});

/** A folder with an `xdg-open` that records its arguments in `opened.txt` and exits with `code`. */
function fakeOpener(base: string, code: number): { bin: string; record: string } {
  const bin = join(base, 'bin');
  mkdirSync(bin);
  const record = join(base, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit ${code}\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  return { bin, record };
}

function startWeb(base: string, bin: string, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--port', '0', '--data-dir', join(base, 'data'), ...args],
    {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = async (pattern: RegExp): Promise<string> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = lines.find((candidate) => pattern.test(candidate));
      if (found) return found;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`web host printed no ${pattern}: ${lines.join('\n')}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const url = async (): Promise<string> =>
    /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(await line(/is running at/))![1]!;
  return { child, line, url };
}

async function stop(child: ChildProcess): Promise<number | string | null> {
  child.kill('SIGINT');
  await withDeadline(exitOf(child), 'the web host to stop', 10_000);
  return child.exitCode ?? child.signalCode;
}

describe('npm run web', () => {
  it('hands the printed link, token included, to the OS opener with --open', async () => {
    const base = tempDir();
    const { bin, record } = fakeOpener(base, 0);
    const web = startWeb(base, bin, ['--open']);
    const url = await web.url();
    await withDeadline(
      (async () => {
        while (!existsSync(record) || readFileSync(record, 'utf8') === '')
          await new Promise((resolve) => setTimeout(resolve, 50));
      })(),
      'xdg-open to be called',
      10_000,
    );
    expect(readFileSync(record, 'utf8').trim()).toBe(url);
    expect(await stop(web.child)).toBe(0);
  });

  it('keeps serving and says to open the link by hand when no browser can be opened', async () => {
    const base = tempDir();
    const { bin } = fakeOpener(base, 3);
    const web = startWeb(base, bin, ['--open']);
    const url = await web.url();
    expect(await web.line(/Could not open your browser/)).toBe(
      'Could not open your browser (xdg-open exited with code 3); open the link above yourself.',
    );
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBeLessThan(400);
    expect(await stop(web.child)).toBe(0);
  });

  it('opens nothing without --open', async () => {
    const base = tempDir();
    const { bin, record } = fakeOpener(base, 0);
    const web = startWeb(base, bin, []);
    await web.url();
    expect(await stop(web.child)).toBe(0);
    expect(existsSync(record)).toBe(false);
  });
});
