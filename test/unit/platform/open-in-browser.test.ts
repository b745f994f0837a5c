// `npm run web -- --open` (and the browser fallback of `npm start`): the OS opener for each platform, handed only a
// web link, run as a real process that never blocks, and every way it can fail reported once instead of thrown.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { openerCommand, openInBrowser } from '../../../src/platform/open-in-browser';
import { exitOf, withDeadline } from '../../support/waits';

const LINK = 'http://127.0.0.1:4800/?token=Ab-9_x';

describe('openerCommand', () => {
  it('uses xdg-open on Linux and the BSDs, open on macOS', () => {
    expect(openerCommand('linux', LINK)).toMatchObject({ command: 'xdg-open', args: [LINK] });
    expect(openerCommand('freebsd', LINK)).toMatchObject({ command: 'xdg-open', args: [LINK] });
    expect(openerCommand('darwin', LINK)).toMatchObject({ command: 'open', args: [LINK] });
  });

  it('uses cmd /c start "" on Windows, verbatim, with cmd metacharacters escaped', () => {
    const opener = openerCommand('win32', 'http://127.0.0.1:4800/?a=1&b=(2)');
    expect(opener).toMatchObject({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://127.0.0.1:4800/?a=1^&b=^(2^)'],
      options: { windowsVerbatimArguments: true },
    });
  });

  it('detaches the opener and gives it no terminal', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(openerCommand(platform, LINK)?.options).toMatchObject({ detached: true, stdio: 'ignore' });
    }
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', '/tmp/x', '--help', 'http://a b', ''])(
    'hands %j to no opener',
    (url) => {
      expect(openerCommand('linux', url)).toBeNull();
    },
  );
});

/** Runs `command` in place of the platform's opener, and keeps the child for the test to wait on. */
function substitute(command: string, args: string[] = []) {
  const children: ChildProcess[] = [];
  const run = (_opener: string, _args: readonly string[], options: SpawnOptions): ChildProcess => {
    const child = spawn(command, args, options);
    children.push(child);
    return child;
  };
  return { run, children };
}

describe('openInBrowser', () => {
  it('returns at once and reports nothing when the opener succeeds', async () => {
    const opener = substitute('sh', ['-c', 'sleep 0.2']);
    const onFailure = vi.fn();
    openInBrowser(LINK, { platform: 'linux', spawn: opener.run, onFailure });
    expect(opener.children[0]?.exitCode).toBeNull();
    await withDeadline(exitOf(opener.children[0]!), 'the opener', 5000);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('reports a missing opener once, without throwing', async () => {
    const opener = substitute('/nonexistent/xdg-open');
    const onFailure = vi.fn();
    expect(() => openInBrowser(LINK, { platform: 'linux', spawn: opener.run, onFailure })).not.toThrow();
    await vi.waitFor(() => expect(onFailure).toHaveBeenCalled());
    expect(onFailure).toHaveBeenCalledExactlyOnceWith('xdg-open is not installed');
  });

  it('reports an opener that finds no browser', async () => {
    const opener = substitute('sh', ['-c', 'exit 3']);
    const onFailure = vi.fn();
    openInBrowser(LINK, { platform: 'linux', spawn: opener.run, onFailure });
    await vi.waitFor(() => expect(onFailure).toHaveBeenCalled());
    expect(onFailure).toHaveBeenCalledExactlyOnceWith('xdg-open exited with code 3');
  });

  it('reports a spawn that throws, and refuses a link that is not a web link', () => {
    const onFailure = vi.fn();
    openInBrowser(LINK, {
      platform: 'darwin',
      spawn: () => {
        throw new Error('EAGAIN');
      },
      onFailure,
    });
    openInBrowser('file:///etc/passwd', { platform: 'darwin', spawn: vi.fn(), onFailure });
    expect(onFailure.mock.calls).toEqual([['open could not be started: EAGAIN'], ['not a web link']]);
  });
});
