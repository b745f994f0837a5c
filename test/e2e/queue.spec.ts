// The queue: demo tickets appear quickly; filters, "Mine" and search narrow it (SLA order: sla.spec.ts; the views
// and sort orders: views.spec.ts).
import type { Page, WebSocketRoute } from '@playwright/test';
import { expect, queueRows, showFullQueue, test } from './fixtures';

async function shownPriorities(page: Page): Promise<string[]> {
  return queueRows(page).locator('.priority-badge').allTextContents();
}

test('shows the demo tickets within 3 s', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(queueRows(page).first()).toBeVisible({ timeout: 3_000 });
  await expect(page.getByText('Up to date')).toBeVisible();

  // The first start shows "Needs me now"; the full queue holds every open demo ticket.
  await showFullQueue(page);
  const priorities = await shownPriorities(page);
  expect(priorities.length).toBeGreaterThan(5);
  await expect(page).toHaveURL(`${host.origin}/`);
});

test('the P1 toggle leaves only P1 tickets', async ({ app }) => {
  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await app.getByRole('group', { name: 'Priority' }).getByRole('button', { name: 'P1' }).click();
  await expect(app.getByRole('button', { name: 'P1', pressed: true })).toBeVisible();
  await expect
    .poll(async () => {
      const priorities = await shownPriorities(app);
      return priorities.length > 0 && priorities.every((priority) => priority === 'P1');
    })
    .toBe(true);

  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(async () => new Set(await shownPriorities(app)).size).toBeGreaterThan(1);
});

test('"Mine" shows only tickets assigned to me', async ({ app }) => {
  await showFullQueue(app);
  await app.getByRole('button', { name: 'Mine', exact: true }).click();
  await expect
    .poll(async () => {
      const assignees = await queueRows(app).locator('.cell-assignee').allTextContents();
      return assignees.length > 0 && assignees.every((name) => name === 'Sanne de Vries');
    })
    .toBe(true);
});

test('search narrows the list, and says so when nothing matches', async ({ app }) => {
  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await expect.poll(() => queueRows(app).count()).toBeGreaterThan(20);

  await app.keyboard.press('/');
  const search = app.getByRole('searchbox', { name: 'Search tickets' });
  await expect(search).toBeFocused();
  await search.fill('onerror');
  await expect.poll(() => queueRows(app).count()).toBeLessThan(10);
  await expect(
    queueRows(app).filter({ hasText: 'Notification banner shows raw HTML' }).first(),
  ).toBeVisible();

  await search.fill('no-such-ticket-anywhere');
  await expect(app.getByText('No tickets match these filters.')).toBeVisible();
  await expect(queueRows(app)).toHaveCount(0);

  await app.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
  await app.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(search).toHaveValue('');
  await expect.poll(() => queueRows(app).count()).toBeGreaterThan(5);
});

test('a virtual list: scrolling to the end loads the next page, few rows are in the DOM', async ({ app }) => {
  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await expect.poll(() => queueRows(app).count()).toBeGreaterThan(20);
  const list = app.getByRole('listbox', { name: 'Tickets' });
  await list.focus();
  await expect
    .poll(async () => {
      await app.keyboard.press('End');
      return Number(await queueRows(app).last().getAttribute('aria-posinset'));
    })
    .toBeGreaterThan(200);
  expect(await queueRows(app).count()).toBeLessThan(80);
});

test('a live change right after a filter change does not leave the list loading', async ({ page, host }) => {
  // The filter's reload is held back at the socket until the live refresh (newer) has been sent past it.
  let holdNextList = false;
  let held: string | null = null;
  let listCallsAfterHeld = 0;
  const sockets: { page?: WebSocketRoute; server?: WebSocketRoute } = {};
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    sockets.page = ws;
    sockets.server = server;
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      if ((JSON.parse(text) as { method?: string }).method === 'listQueue') {
        if (holdNextList) {
          holdNextList = false;
          held = text;
          return;
        }
        if (held !== null) listCallsAfterHeld += 1;
      }
      server.send(message);
    });
  });
  await page.goto(host.url);
  await expect(queueRows(page).first()).toBeVisible();
  await showFullQueue(page);
  const queue = page.locator('section.queue');
  await expect(queue).toHaveAttribute('aria-busy', 'false');

  holdNextList = true;
  await page.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await expect.poll(() => held).not.toBeNull();
  await expect(queue).toHaveAttribute('aria-busy', 'true');

  // A queueChanged within the coalescing window: its refresh overtakes the reload still in flight.
  sockets.page?.send(JSON.stringify({ type: 'event', event: 'queueChanged', payload: { ticketIds: [] } }));
  await expect.poll(() => listCallsAfterHeld).toBeGreaterThan(0);
  sockets.server?.send(held ?? '');

  await expect(queue).toHaveAttribute('aria-busy', 'false');
  const list = page.getByRole('listbox', { name: 'Tickets' });
  await list.focus();
  await expect
    .poll(async () => {
      await page.keyboard.press('End');
      return Number(await queueRows(page).last().getAttribute('aria-posinset'));
    })
    .toBeGreaterThan(200);
});
