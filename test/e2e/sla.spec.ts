// SLA clocks in the UI: the queue's live Due column (breached first), the SLA section of the ticket pane, the
// Contracts dialog, and untrusted text staying text in all of them.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, queueRows, showFullQueue, test, ticketPane } from './fixtures';

/** The rows on screen in list order (the virtual list positions them), with their Due kind and deadline. */
async function shownDues(page: Page): Promise<Array<{ kind: string; dueAt: number | null }>> {
  const rows = await queueRows(page).evaluateAll((options) =>
    options.map((option) => {
      const cell = option.querySelector('.cell-due');
      const time = cell?.querySelector('time')?.getAttribute('datetime');
      return {
        pos: Number(option.getAttribute('aria-posinset')),
        kind: cell?.getAttribute('data-due-kind') ?? '',
        dueAt: time ? Date.parse(time) : null,
      };
    }),
  );
  return rows.sort((a, b) => a.pos - b.pos).map(({ kind, dueAt }) => ({ kind, dueAt }));
}

/** Breached rows first, then the running deadlines ascending, then the rest; the first broken rule, or 'ok'. */
function orderProblem(dues: Array<{ kind: string; dueAt: number | null }>): string {
  const kinds = dues.map((due) => due.kind);
  const firstOther = kinds.findIndex((kind) => kind !== 'breached');
  if (firstOther !== -1 && kinds.slice(firstOther).includes('breached'))
    return `breached after others: ${kinds}`;
  const deadlines = dues.map((due) => due.dueAt);
  const firstWithout = deadlines.findIndex((dueAt) => dueAt === null);
  if (firstWithout !== -1 && deadlines.slice(firstWithout).some((dueAt) => dueAt !== null))
    return `a deadline after a row without one: ${kinds}`;
  const timed = deadlines.filter((dueAt): dueAt is number => dueAt !== null);
  const i = timed.findIndex((dueAt, at) => at > 0 && dueAt < (timed[at - 1] ?? 0));
  return i === -1 ? 'ok' : `deadline ${i} before ${i - 1}: ${timed.map((t) => new Date(t).toISOString())}`;
}

async function expectTicks(cell: Locator): Promise<void> {
  const before = await cell.textContent();
  await expect.poll(() => cell.textContent(), { timeout: 2_500, intervals: [200] }).not.toBe(before);
}

/** The first row counting down (the nearest deadline), its Due cell, and that deadline. */
async function firstRunning(page: Page): Promise<{ row: Locator; due: Locator; dueAt: number }> {
  const cell = queueRows(page).locator('.cell-due[data-due-kind="running"]').first();
  await expect(cell).toBeVisible();
  const id = await cell.evaluate((element) => element.closest('[role="option"]')?.id ?? '');
  const row = page.locator(`[id="${id}"]`);
  const dueAt = Date.parse((await cell.locator('time').getAttribute('datetime')) ?? '');
  return { row, due: row.locator('.cell-due'), dueAt };
}

test('the Due column counts down each second and turns breached at the deadline', async ({ page, host }) => {
  // The browser's clock is moved, not the host's: the countdown and the breach are the UI's own.
  await page.clock.install();
  await page.goto(host.url);
  await showFullQueue(page);
  await expect(page.locator('.queue-columns .cell-due')).toHaveText('Due');
  const { due, dueAt } = await firstRunning(page);
  await expect(due).toHaveText(/^in \d/);
  await expect(due).toHaveAttribute('aria-label', /due/);

  await page.clock.setSystemTime(dueAt - 65_000);
  await expect(due).toHaveText(/^in 1 min 0\d s$/);
  await expectTicks(due);

  await page.clock.setSystemTime(dueAt - 1_500);
  await expect(due).toHaveAttribute('data-due-kind', 'breached', { timeout: 3_500 });
  await expect(due).toHaveText(/^breached \d+ s ago$/);
});

test('sorted by deadline, breached tickets come first, then the nearest deadlines', async ({ app }) => {
  await showFullQueue(app);
  await app.getByRole('combobox', { name: 'Order' }).selectOption('deadline');
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await expect.poll(() => queueRows(app).count()).toBeGreaterThan(20);
  await expect.poll(async () => orderProblem(await shownDues(app))).toBe('ok');
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'Open' }).click();
  await expect.poll(async () => orderProblem(await shownDues(app))).toBe('ok');
  const breached = queueRows(app).locator('.cell-due[data-due-kind="breached"]');
  if ((await breached.count()) > 0) await expect(breached.first()).toHaveText(/^breached .+ ago$/);
});

test('the ticket pane shows the SLA clocks with a live countdown and a timeline', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  const { row, dueAt } = await firstRunning(page);
  await row.click();
  const pane = ticketPane(page);
  const sla = pane.getByRole('region', { name: 'SLA' });
  await expect(sla).toBeVisible();
  await expect(sla.getByText('Policy')).toBeVisible();
  await expect(sla.getByRole('listitem', { name: 'Response' })).toBeVisible();
  const resolution = sla.getByRole('listitem', { name: 'Resolution' });
  await expect(resolution).toBeVisible();
  await expect(resolution.locator('.timeline-track .tl-segment').first()).toBeAttached();
  await expect(resolution.locator('.tl-due')).toHaveCount(2); // the marker and its legend key
  await expect(resolution.getByRole('list', { name: 'Timeline' })).toContainText('Deadline');
  await expect(resolution.getByText('Budget (working time)')).toBeVisible();

  await page.clock.setSystemTime(dueAt - 30 * 60_000 - 30_000);
  const counting = sla.locator('.clock-running .clock-live').filter({ hasText: /^in 30 min [0-3]\d s$/ });
  await expect(counting).toBeVisible();
  const target = await counting.evaluate(
    (element) => element.closest('li')?.getAttribute('aria-label') ?? '',
  );
  await expectTicks(sla.getByRole('listitem', { name: target }).locator('.clock-live'));
});

test('the Contracts dialog shows the file, the P1 targets and reloads', async ({ app }) => {
  await app.getByRole('button', { name: 'Contracts' }).click();
  const dialog = app.getByRole('dialog', { name: 'Contracts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.contracts-file code')).toHaveText(/contracts\.json$/);
  await expect(dialog.getByText('Edit contracts.json in a text editor')).toBeVisible();

  const policy = dialog.getByRole('region', { name: 'Policy standard' });
  const p1 = policy.getByRole('row', { name: /^P1\b/ });
  await expect(p1.getByRole('cell').nth(0)).toHaveText('30m');
  await expect(p1.getByRole('cell').nth(1)).toHaveText('4h');
  await expect(policy).toContainText('Waiting on customer');
  await expect(dialog.getByRole('region', { name: 'Calendars' })).toContainText('Europe/Amsterdam');

  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog.getByRole('button', { name: 'Reload' })).toBeEnabled();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.locator('img, script, iframe')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await app.keyboard.press('c');
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a broken contracts file is reported, the previous contracts stay, and a fix reloads', async ({
  app,
}) => {
  await app.keyboard.press('c');
  const dialog = app.getByRole('dialog', { name: 'Contracts' });
  const file = (await dialog.locator('.contracts-file code').textContent()) ?? '';
  const original = readFileSync(file, 'utf8');
  try {
    writeFileSync(file, original.replace('"30m"', '"half an hour"'));
    await dialog.getByRole('button', { name: 'Reload' }).click();
    const problem = dialog.getByRole('alert');
    await expect(problem).toContainText('contracts.json could not be loaded');
    await expect(problem).toContainText('half an hour');
    await expect(problem).toContainText('The previous contracts stay in effect');
    const p1 = dialog.getByRole('region', { name: 'Policy standard' }).getByRole('row', { name: /^P1\b/ });
    await expect(p1.getByRole('cell').nth(0)).toHaveText('30m');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(app.getByRole('button', { name: /Contracts/ })).toHaveClass(/broken/);
  } finally {
    writeFileSync(file, original);
  }
  await app.getByRole('button', { name: /Contracts/ }).click();
  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Contracts' })).not.toHaveClass(/broken/);
});

test('with SLA shown, ticket text with markup is still only text', async ({ app }) => {
  const dialogs: string[] = [];
  app.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await app.getByRole('searchbox', { name: 'Search tickets' }).fill('onerror');
  await queueRows(app).filter({ hasText: 'Notification banner shows raw HTML' }).first().click();

  const pane = ticketPane(app);
  await expect(pane.getByRole('region', { name: 'SLA' })).toBeVisible();
  await expect(pane.locator('.description')).toContainText(`<img src=x onerror="alert('xss')">`);
  await expect(app.locator('img, script:not([type="module"]), iframe')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('an SLA alert shows a toast that opens its ticket and can be dismissed', async ({ page, host }) => {
  // The real host behind a pass-through socket, so the test can push an alert the way the core does.
  let push: (event: string, payload: unknown) => void = () => undefined;
  await page.routeWebSocket(/\/api$/, (ws) => {
    ws.connectToServer();
    push = (event, payload) => ws.send(JSON.stringify({ type: 'event', event, payload }));
  });
  await page.goto(host.url);
  const row = queueRows(page).nth(2);
  await expect(row).toBeVisible();
  const ticketId = Number((await row.getAttribute('id'))?.replace('ticket-', ''));
  const externalId = ((await row.locator('.ticket-ref').textContent()) ?? '').replace('#', '');
  const subject = (await row.locator('.subject-text').textContent()) ?? '';
  const alert = {
    ticketId,
    externalId,
    subject: '<img src=x onerror="alert(1)"> markup stays text',
    priority: 'P1',
    target: 'resolution',
    kind: 'breach',
    fraction: null,
    dueAt: Date.now(),
    at: Date.now(),
  };

  push('slaAlerts', [alert, { ...alert, kind: 'warning', fraction: 0.75 }]);
  const toasts = page.getByRole('region', { name: 'SLA alerts' });
  await expect(toasts.getByText(`P1 ${externalId}: resolution breached`)).toBeVisible();
  await expect(toasts.getByText(`P1 ${externalId}: 75% of resolution used`)).toBeVisible();
  await expect(toasts.getByText('<img src=x onerror="alert(1)"> markup stays text').first()).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);

  await toasts.getByRole('button', { name: 'Dismiss' }).last().click();
  await expect(toasts.getByText('75% of resolution used')).toBeHidden();

  await toasts.getByText(`P1 ${externalId}: resolution breached`).click();
  await expect(toasts.getByRole('button')).toHaveCount(0);
  const pane = ticketPane(page);
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(subject);
});
