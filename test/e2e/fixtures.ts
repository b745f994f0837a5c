// Test fixtures: a real web host (node out/main/web.js) on a free port with a fresh data folder, one per test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const START_TIMEOUT_MS = 15_000;
const READY_LINE = /is running at (http:\/\/\S+)/;

export interface WebHost {
  /** The link the host printed, with its token: opening it sets the session cookie. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  token: string;
  /** Stops the host (also done after the test file). */
  stop(): Promise<void>;
}

interface RunningHost extends WebHost {
  file: string;
  isRunning(): boolean;
}

async function startWebHost(
  file: string,
  dataDirSetup: DataDirSetup | null,
  hostEnv: Record<string, string>,
): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'piket-e2e-'));
  dataDirSetup?.prepare(dataDir);
  const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...hostEnv },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(
        new Error(`The web host did not start: ${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`),
      );
    };
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`it exited (code ${code}, signal ${signal})`);
    });
  });

  const parsed = new URL(url);
  return {
    file,
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    isRunning: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopProcess(child).finally(() => rmSync(dataDir, { recursive: true, force: true })),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface WorkerFixtures {
  /** Holds the host of the test file this worker is running; a new file gets a new host. */
  hostSlot: { current: RunningHost | null };
}

/** Fills a test file's fresh data folder before its host starts (say, with tickets no connector would send). */
export interface DataDirSetup {
  prepare(dataDir: string): void;
}

interface TestFixtures {
  /** Set with `test.use` for a whole file: its host is started once. */
  dataDirSetup: DataDirSetup | null;
  /** Set with `test.use` for a whole file: extra environment variables of its host (say, a token a connection names). */
  hostEnv: Record<string, string>;
  host: WebHost;
  /** A page with the app open (token link followed, queue rows shown). */
  app: Page;
  /** Set for tests that break the connection on purpose; otherwise any console error (a CSP violation, say) fails the test. */
  allowConsoleErrors: boolean;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hostSlot: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const slot: { current: RunningHost | null } = { current: null };
      await use(slot);
      await slot.current?.stop();
    },
    { scope: 'worker' },
  ],

  dataDirSetup: [null, { option: true }],

  hostEnv: [{}, { option: true }],

  host: async ({ hostSlot, dataDirSetup, hostEnv }, use, testInfo) => {
    if (hostSlot.current?.file !== testInfo.file || !hostSlot.current.isRunning()) {
      await hostSlot.current?.stop();
      hostSlot.current = null;
      hostSlot.current = await startWebHost(testInfo.file, dataDirSetup, hostEnv);
    }
    await use(hostSlot.current);
  },

  allowConsoleErrors: [false, { option: true }],

  app: async ({ page, host, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    await expect(queueRows(page).first()).toBeVisible();
    await use(page);
    if (!allowConsoleErrors) expect(errors, 'errors in the browser console').toEqual([]);
  },
});

/** The ticket rows of the queue (the listbox, not the options of the filter selects). */
export function queueRows(page: Page) {
  return page.getByRole('listbox', { name: 'Tickets' }).getByRole('option');
}

/** The view switch's button for "Needs me now" (key n) or the full queue (key q), in any language. */
export function viewButton(page: Page, view: 'needsMe' | 'queue') {
  return page
    .getByRole('navigation')
    .locator(`button[aria-keyshortcuts="${view === 'needsMe' ? 'n' : 'q'}"]`);
}

/**
 * Shows the full queue and waits until its rows are in. A first start opens "Needs me now", and the view used last
 * is remembered for the test file's host, so a test that needs the full queue says so.
 */
export async function showFullQueue(page: Page): Promise<void> {
  await viewButton(page, 'queue').click();
  await expect(viewButton(page, 'queue')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('section.queue')).toHaveAttribute('aria-busy', 'false');
}

/** The ticket pane (the complementary landmark beside the queue). */
export function ticketPane(page: Page) {
  return page.getByRole('complementary', { name: 'Ticket details' });
}

export { expect };
