// The two views and their sort orders: a first start opens "Needs me now" with the open P1s first in urgency order;
// n and q (and the header's buttons) switch views; the view used last and each view's order survive a reload; and
// the SLA toasts show at most three, a count for the rest, and never cover the ticket pane.
import type { Locator, Page } from '@playwright/test';
import { expect, queueRows, showFullQueue, test, ticketPane, viewButton } from './fixtures';

interface ShownRow {
  priority: string;
  dueKind: string;
  dueAt: number | null;
  createdAt: number;
}

/** The rows on screen in list order (the virtual list positions them). */
async function shownRows(page: Page): Promise<ShownRow[]> {
  const rows = await queueRows(page).evaluateAll((options) =>
    options.map((option) => {
      const due = option.querySelector('.cell-due');
      const dueTime = due?.querySelector('time')?.getAttribute('datetime');
      return {
        pos: Number(option.getAttribute('aria-posinset')),
        priority: option.querySelector('.priority-badge')?.textContent ?? '',
        dueKind: due?.getAttribute('data-due-kind') ?? '',
        dueAt: dueTime ? Date.parse(dueTime) : null,
        createdAt: Date.parse(option.querySelector('.cell-age time')?.getAttribute('datetime') ?? ''),
      };
    }),
  );
  return rows.sort((a, b) => a.pos - b.pos).map(({ pos: _pos, ...row }) => row);
}

/** Deadlines ascending, rows without one last; the first place that breaks it, or 'ok'. */
function deadlineProblem(rows: ShownRow[]): string {
  const deadlines = rows.map((row) => row.dueAt ?? Infinity);
  const i = deadlines.findIndex((dueAt, at) => at > 0 && dueAt < (deadlines[at - 1] ?? 0));
  return i === -1 ? 'ok' : `row ${i} is due before row ${i - 1}: ${rows.map((row) => row.dueAt)}`;
}

function orderSelect(page: Page): Locator {
  return page.getByRole('combobox', { name: 'Order' });
}

async function settled(page: Page): Promise<void> {
  await expect(page.locator('section.queue')).toHaveAttribute('aria-busy', 'false');
}

interface SavedSettings {
  queueView: string;
  queueSorts: Record<'needsMe' | 'queue', string>;
}

/**
 * Opens the app and follows what the core stores: the payload of its last `settingsChanged` event (sent once a
 * change is saved), so a reload is only done after the choice was stored.
 */
async function openTrackingSettings(page: Page, url: string): Promise<() => SavedSettings | null> {
  let saved: SavedSettings | null = null;
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      const parsed = JSON.parse(text) as { event?: string; payload?: SavedSettings };
      if (parsed.event === 'settingsChanged' && parsed.payload) saved = parsed.payload;
      ws.send(message);
    });
  });
  await page.goto(url);
  await expect(queueRows(page).first()).toBeVisible();
  return () => saved;
}

async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await expect(queueRows(page).first()).toBeVisible();
}

// First in this file: the host is fresh, so this is the app's first start.
test('the first start opens "Needs me now": the open P1s first, in urgency order', async ({ app }) => {
  await expect(viewButton(app, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
  await expect(viewButton(app, 'queue')).toHaveAttribute('aria-pressed', 'false');
  await expect(orderSelect(app)).toHaveValue('urgency');
  await settled(app);

  const openP1 = Number(await app.locator('.queue-counts .count-p1 strong').textContent());
  expect(openP1, 'the demo desk has open P1 tickets').toBeGreaterThan(0);
  await expect.poll(async () => (await shownRows(app)).length).toBeGreaterThanOrEqual(openP1);
  const p1s = (await shownRows(app)).slice(0, openP1);
  expect(p1s.map((row) => row.priority)).toEqual(p1s.map(() => 'P1'));
  expect(deadlineProblem(p1s)).toBe('ok');

  // The header's count is what the view lists.
  const count = Number(await viewButton(app, 'needsMe').locator('.view-count').textContent());
  await expect(queueRows(app).first()).toHaveAttribute('aria-setsize', String(count));
});

test('n and q switch between "Needs me now" and the full queue; the view used last opens after a reload', async ({
  page,
  host,
}) => {
  const saved = await openTrackingSettings(page, host.url);
  const scope = page.getByRole('group', { name: 'Scope' });
  await expect(viewButton(page, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
  await expect(scope).toHaveCount(0);
  const needsMe = Number(await viewButton(page, 'needsMe').locator('.view-count').textContent());

  await page.keyboard.press('q');
  await expect(viewButton(page, 'queue')).toHaveAttribute('aria-pressed', 'true');
  await expect(scope).toBeVisible();
  const open = Number(await page.locator('.queue-counts li').first().locator('strong').textContent());
  expect(open).toBeGreaterThan(needsMe);
  await expect(queueRows(page).first()).toHaveAttribute('aria-setsize', String(open));

  await expect.poll(() => saved()?.queueView).toBe('queue');
  await reloadApp(page);
  await expect(viewButton(page, 'queue')).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('n');
  await expect(viewButton(page, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
  await expect(scope).toHaveCount(0);
  await expect(queueRows(page).first()).toHaveAttribute('aria-setsize', String(needsMe));
  await expect.poll(() => saved()?.queueView).toBe('needsMe');
  await reloadApp(page);
  await expect(viewButton(page, 'needsMe')).toHaveAttribute('aria-pressed', 'true');

  // The buttons do what the keys do.
  await viewButton(page, 'queue').click();
  await expect(viewButton(page, 'queue')).toHaveAttribute('aria-pressed', 'true');
  await viewButton(page, 'needsMe').click();
  await expect(viewButton(page, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => saved()?.queueView).toBe('needsMe');
});

test('each view keeps its own order, shown in the toolbar, across a reload', async ({ page, host }) => {
  const saved = await openTrackingSettings(page, host.url);
  await showFullQueue(page);
  await page.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();

  await orderSelect(page).selectOption('deadline');
  await expect.poll(() => saved()?.queueSorts.queue).toBe('deadline');
  await settled(page);
  await expect.poll(async () => deadlineProblem(await shownRows(page))).toBe('ok');
  // By deadline, priorities mix: the P1s no longer sit above every other ticket.
  await expect
    .poll(async () => {
      const priorities = (await shownRows(page)).map((row) => row.priority);
      return priorities.lastIndexOf('P1') > priorities.findIndex((priority) => priority !== 'P1');
    })
    .toBe(true);

  await orderSelect(page).selectOption('age');
  await expect.poll(() => saved()?.queueSorts.queue).toBe('age');
  await expect
    .poll(async () => {
      const created = (await shownRows(page)).map((row) => row.createdAt);
      return created.length > 5 && created.every((at, i) => i === 0 || at >= (created[i - 1] ?? 0));
    })
    .toBe(true);

  await reloadApp(page);
  await expect(viewButton(page, 'queue')).toHaveAttribute('aria-pressed', 'true');
  await expect(orderSelect(page)).toHaveValue('age');
  await expect(orderSelect(page).locator('option:checked')).toHaveText('Age: oldest first');

  // "Needs me now" has its own order; changing it leaves the queue's alone.
  await page.keyboard.press('n');
  await expect(orderSelect(page)).toHaveValue('urgency');
  await orderSelect(page).selectOption('updated');
  await expect.poll(() => saved()?.queueSorts).toEqual({ needsMe: 'updated', queue: 'age' });
  await reloadApp(page);
  await expect(viewButton(page, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
  await expect(orderSelect(page)).toHaveValue('updated');
  await page.keyboard.press('q');
  await expect(orderSelect(page)).toHaveValue('age');
});

/** Opens the app with the core's own alerts held back, and returns a way to push alerts as the core does. */
async function openWithOwnAlerts(page: Page, url: string): Promise<(alerts: unknown[]) => void> {
  let push: (alerts: unknown[]) => void = () => undefined;
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      if ((JSON.parse(text) as { event?: string }).event !== 'slaAlerts') ws.send(message);
    });
    push = (alerts) => ws.send(JSON.stringify({ type: 'event', event: 'slaAlerts', payload: alerts }));
  });
  await page.goto(url);
  await expect(queueRows(page).first()).toBeVisible();
  return push;
}

function alertsFor(ticketId: number, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    ticketId,
    externalId: `T-${i + 1}`,
    subject: `Alert subject ${i + 1}`,
    priority: 'P1',
    target: 'resolution',
    kind: i % 2 === 0 ? 'breach' : 'warning',
    fraction: i % 2 === 0 ? null : 0.75,
    dueAt: Date.now() - i * 60_000,
    at: Date.now(),
  }));
}

/** Whether two boxes share any area. */
function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function expectClearOf(toasts: Locator, pane: Locator): Promise<void> {
  const paneBox = await pane.boundingBox();
  expect(paneBox).not.toBeNull();
  const parts = toasts.locator('.toast');
  expect(await parts.count()).toBeGreaterThan(0);
  for (const part of await parts.all()) {
    const box = await part.boundingBox();
    expect(box).not.toBeNull();
    if (box && paneBox) expect(overlaps(box, paneBox), 'a toast over the ticket pane').toBe(false);
  }
}

test('at most three toasts, a count for the rest, and none over the open ticket pane', async ({
  page,
  host,
}) => {
  const push = await openWithOwnAlerts(page, host.url);
  const row = queueRows(page).first();
  await row.click();
  const pane = ticketPane(page);
  await expect(pane.getByRole('heading', { level: 2 })).toBeVisible();

  const ticketId = Number((await row.getAttribute('id'))?.replace('ticket-', ''));
  push(alertsFor(ticketId, 10));
  const toasts = page.getByRole('region', { name: 'SLA alerts' });
  const shown = toasts.getByRole('listitem');
  await expect(shown).toHaveCount(3);
  await expect(toasts.getByText('7 more SLA alerts')).toBeVisible();
  // The newest three are shown.
  await expect(shown.nth(0)).toContainText('T-8');
  await expect(shown.nth(2)).toContainText('T-10');
  await expectClearOf(toasts, pane);

  // Dismissing one brings the next one in.
  await shown.nth(2).getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(shown).toHaveCount(3);
  await expect(toasts.getByText('6 more SLA alerts')).toBeVisible();
  await expect(shown.nth(0)).toContainText('T-7');

  // Too narrow for the queue beside the pane: the toasts stand above the pane, not over it.
  await page.setViewportSize({ width: 760, height: 720 });
  await expect(pane).toBeVisible();
  await expectClearOf(toasts, pane);

  await toasts.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(toasts.locator('.toast')).toHaveCount(0);
});
