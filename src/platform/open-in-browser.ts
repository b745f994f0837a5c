// Opens a link in the default browser with the operating system's opener (xdg-open, open, `cmd /c start`), without
// waiting for the browser and without ever failing the caller: when there is no opener or it fails, the caller is
// told why and prints the link instead.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface OpenerCommand {
  command: string;
  args: string[];
  options: SpawnOptions;
}

/** cmd.exe's special characters, escaped with ^ so `start` receives the URL as one argument. */
function escapeForCmd(text: string): string {
  return text.replace(/[\^&|<>()%!"]/g, '^$&');
}

/** The opener for `platform`; only http(s) links are handed to it (never a path or a command). */
export function openerCommand(platform: NodeJS.Platform, url: string): OpenerCommand | null {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  const detached = { detached: true, stdio: 'ignore' } as const;
  if (platform === 'darwin') return { command: 'open', args: [url], options: detached };
  if (platform === 'win32') {
    // `start` takes a first quoted argument as the window title, hence the empty "".
    return {
      command: 'cmd',
      args: ['/c', 'start', '""', escapeForCmd(url)],
      options: { ...detached, windowsVerbatimArguments: true, windowsHide: true },
    };
  }
  return { command: 'xdg-open', args: [url], options: detached };
}

export interface OpenInBrowserOptions {
  platform?: NodeJS.Platform;
  /** Injected for tests; child_process.spawn otherwise. */
  spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  /** Called at most once, with a short reason, when the link could not be handed to a browser. */
  onFailure: (reason: string) => void;
}

/** Hands `url` to the OS opener and returns at once; the opener runs on its own and never keeps this process up. */
export function openInBrowser(url: string, options: OpenInBrowserOptions): void {
  const opener = openerCommand(options.platform ?? process.platform, url);
  if (!opener) {
    options.onFailure('not a web link');
    return;
  }
  let failed = false;
  const fail = (reason: string): void => {
    if (failed) return;
    failed = true;
    options.onFailure(reason);
  };
  let child: ChildProcess;
  try {
    child = (options.spawn ?? nodeSpawn)(opener.command, opener.args, opener.options);
  } catch (error) {
    fail(`${opener.command} could not be started: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  child.once('error', (error: NodeJS.ErrnoException) =>
    fail(
      error.code === 'ENOENT' ? `${opener.command} is not installed` : `${opener.command}: ${error.message}`,
    ),
  );
  child.once('exit', (code) => {
    if (code !== null && code !== 0) fail(`${opener.command} exited with code ${code}`);
  });
  child.unref();
}
