// Accessibility, WCAG 2.2 AA. axe-core finds no serious or critical violation, and no content outside landmarks, in
// every view ("Needs me now", the full queue, the ticket pane, countdowns near their deadline, each dialog, the
// ticket actions with their controls, refused changes and the priority change's SLA preview, the P1 alert in the
// window and in the alert window, the rotation view's week and month and its forms) in the light and the dark theme;
// the host has an unreachable Zendesk connection with refused changes beside the demo desk, and a rotation. And what axe cannot see: the landmarks are the ones the window is built
// from, every control reached with Tab shows a focus ring, the countdown is spoken at a calm rate, and the shortcut
// sheet opens on ? and gives the focus back when Escape closes it.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Overview } from '../../src/api';
import { expect, queueRows, showFullQueue, test, ticketPane, viewButton } from './fixtures';
import { CUSTOMER, OFFLINE_DESK_ENV, TICKETS, offlineDesk } from './offline-desk';
import { withRotation } from './rotation-desk';

test.use({ dataDirSetup: withRotation(offlineDesk), hostEnv: OFFLINE_DESK_ENV });

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/** Fails the test on a serious or critical violation, and on any about landmarks. */
function blocking(violation: Violation): boolean {
  return (
    violation.impact === 'serious' ||
    violation.impact === 'critical' ||
    violation.id === 'region' ||
    violation.id.startsWith('landmark-')
  );
}

function describe(violation: Violation): string {
  const nodes = violation.nodes
    .slice(0, 5)
    .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
  return `${violation.id} (${violation.impact}) ${violation.help} — ${nodes.join(' | ')}`;
}

async function expectAccessible(page: Page, view: string, { withQueue = true } = {}): Promise<void> {
  // Scanned at rest: not while the list is reloading (it is dimmed then).
  if (withQueue) await expect(page.locator('section.queue')).toHaveAttribute('aria-busy', 'false');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter(blocking).map(describe), `axe: ${view}`).toEqual([]);
}

/** The first row whose Due cell is of this kind (breached, running), in the current view. */
function rowDue(page: Page, kind: string): Locator {
  return queueRows(page)
    .filter({ has: page.locator(`.cell-due[data-due-kind="${kind}"]`) })
    .first();
}

/**
 * Passes the page's socket through to the host and returns how to push an event as the core would (the latest page's
 * socket): the offline desk has no P1 waiting, so the alert is shown with an overview pushed this way.
 */
function pushEvents(page: Page): Promise<(event: string, payload: unknown) => void> {
  let push: (event: string, payload: unknown) => void = () => undefined;
  return page
    .routeWebSocket(/\/api$/, (ws) => {
      ws.connectToServer();
      push = (event, payload) => ws.send(JSON.stringify({ type: 'event', event, payload }));
    })
    .then(() => (event, payload) => push(event, payload));
}

/**
 * The offline desk's fresh ticket (`id`) as a waiting P1; computed an hour ahead, so the core's own overviews do not
 * replace it.
 */
function overviewWithP1(id: number): Overview {
  const now = Date.now();
  return {
    state: 'p1',
    open: 10,
    p1Waiting: [
      {
        id,
        source: 'acme',
        externalId: TICKETS.fresh.ref,
        subject: TICKETS.fresh.subject,
        customerName: CUSTOMER,
        createdAt: now - 60_000,
        snoozedUntil: null,
      },
    ],
    breached: 1,
    dueSoon: 1,
    waiting: 0,
    problems: 0,
    offline: 1,
    syncMessage: null,
    lastSyncAt: null,
    alertsPausedUntil: null,
    onCall: [],
    computedAt: now + 3_600_000,
  };
}

async function openRow(page: Page, row: Locator): Promise<void> {
  const subject = (await row.locator('.subject-text').textContent()) ?? '';
  await row.click();
  await expect(ticketPane(page).getByRole('heading', { level: 2 })).toHaveText(subject);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('"Needs me now" and the full queue', async ({ app }) => {
      test.slow();
      await viewButton(app, 'needsMe').click();
      await expect(viewButton(app, 'needsMe')).toHaveAttribute('aria-pressed', 'true');
      await expectAccessible(app, '"Needs me now"');
      await showFullQueue(app);
      await expectAccessible(app, 'the open queue');
      await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
      await app.getByRole('group', { name: 'Priority' }).getByRole('button', { name: 'P3' }).click();
      await expectAccessible(app, 'the whole queue, P3 pressed');
    });

    test('the ticket pane of a breached and of a running ticket', async ({ app }) => {
      test.slow();
      await showFullQueue(app);
      await openRow(app, rowDue(app, 'breached'));
      await expectAccessible(app, 'the pane of a breached ticket');
      await openRow(app, rowDue(app, 'running'));
      await expectAccessible(app, 'the pane of a running ticket');
    });

    test('countdowns in their warning and critical colours', async ({ page, host }) => {
      test.slow();
      await page.clock.install();
      await page.goto(host.url);
      await showFullQueue(page);
      await page.getByRole('combobox', { name: 'Order' }).selectOption('deadline');
      const row = rowDue(page, 'running');
      const dueAt = Date.parse((await row.locator('.cell-due time').getAttribute('datetime')) ?? '');
      await openRow(page, row);
      await page.clock.setSystemTime(dueAt - 60_000);
      await expect(page.locator('.cell-due.due-critical').first()).toBeVisible();
      await expect(ticketPane(page).locator('.sla-clock.clock-critical').first()).toBeVisible();
      await expectAccessible(page, 'critical countdowns');
    });

    test('the ticket actions: the bar, the note box, the status choice, the SLA preview, refused changes', async ({
      app,
    }) => {
      test.slow();
      await showFullQueue(app);
      await app.getByRole('combobox', { name: 'Customer' }).selectOption({ label: CUSTOMER });
      await openRow(app, queueRows(app).filter({ hasText: TICKETS.refused.subject }));
      const pane = ticketPane(app);
      await expect(pane.getByRole('region', { name: 'Your changes not confirmed yet' })).toBeVisible();
      await expectAccessible(app, 'the pane with refused changes');

      await app.keyboard.press('i');
      await expect(pane.getByRole('textbox', { name: /^Internal note/ })).toBeFocused();
      await expectAccessible(app, 'the note box');
      await app.keyboard.press('Escape');

      await app.keyboard.press('s');
      await expect(pane.getByRole('group', { name: 'Set the status' })).toBeVisible();
      await expectAccessible(app, 'the status choice');
      await app.keyboard.press('Escape');

      await app.keyboard.press('p');
      await app.keyboard.press('Enter');
      const preview = app.getByRole('dialog', { name: /^Change #\d+ from P3 to P1\?$/ });
      await expect(preview.getByRole('table')).toBeVisible();
      await expectAccessible(app, 'the SLA preview of a priority change');
      await app.keyboard.press('Escape');
      await app.keyboard.press('Escape');

      await pane.getByRole('button', { name: 'Discard' }).first().click();
      await expect(app.getByRole('dialog', { name: 'Discard this change?' })).toBeVisible();
      await expectAccessible(app, 'the discard confirmation');
      await app.keyboard.press('Escape');
    });

    test('the P1 alert, in the window and in the alert window', async ({ page, host }) => {
      test.slow();
      const push = await pushEvents(page);
      await page.goto(host.url);
      await showFullQueue(page);
      const row = queueRows(page).filter({ hasText: TICKETS.fresh.subject });
      const id = Number((await row.getAttribute('id'))?.replace('ticket-', ''));
      push('overviewChanged', overviewWithP1(id));
      const alert = page.getByRole('region', { name: 'P1 waiting for acknowledgement' });
      await expect(alert.getByRole('button', { name: 'Acknowledge' })).toBeVisible();
      await expectAccessible(page, 'the P1 alert');

      await page.goto(`${host.url}&view=alert`);
      await expect(page.getByText('No P1 is waiting for acknowledgement.')).toBeVisible();
      await expectAccessible(page, 'the alert window with no P1', { withQueue: false });
      push('overviewChanged', overviewWithP1(id));
      await expect(alert.getByRole('button', { name: 'Snooze 5 min' })).toBeVisible();
      await expectAccessible(page, 'the alert window', { withQueue: false });
    });

    test('the rotation view: its week, its month, the schedule editor with problems, overrides, swaps, import', async ({
      app,
    }) => {
      test.slow();
      await app.keyboard.press('o');
      const view = app.getByRole('dialog', { name: 'Rotation: who is on call' });
      await expect(view.getByRole('region', { name: 'Now' })).toBeVisible();
      await expect(view.getByText('Gap: nobody is on call')).toBeVisible();
      await expectAccessible(app, 'the rotation view, a week');
      await view.getByRole('button', { name: 'Month', exact: true }).click();
      await expect(view.locator('.rotation-month')).toBeVisible();
      await expectAccessible(app, 'the rotation view, a month');
      await view.getByRole('button', { name: /^My zone/ }).click();
      await expect(view.getByRole('region', { name: /times in Europe\/Amsterdam$/ })).toBeVisible();
      await expectAccessible(app, 'the rotation view in my zone');

      await view.getByRole('button', { name: 'New schedule…' }).click();
      const editor = app.getByRole('dialog', { name: 'New schedule' });
      await editor.getByRole('button', { name: 'Add a restriction' }).click();
      await editor.getByRole('button', { name: 'Save schedule' }).click();
      await expect(editor.getByRole('alert')).toBeVisible();
      await expectAccessible(app, 'the schedule editor with problems');
      await app.keyboard.press('Escape');

      await view.getByRole('button', { name: 'Add an override…' }).click();
      await expect(app.getByRole('dialog', { name: /^Overrides of / })).toBeVisible();
      await expectAccessible(app, 'the override form');
      await app.keyboard.press('Escape');

      await view.getByRole('button', { name: 'Swap shifts…' }).click();
      await expect(app.getByRole('dialog', { name: 'Swap two shifts' })).toBeVisible();
      await expectAccessible(app, 'the swap form');
      await app.keyboard.press('Escape');

      await view.getByRole('button', { name: 'Import a calendar feed…' }).click();
      await expect(app.getByRole('dialog', { name: 'Import a calendar feed' })).toBeVisible();
      await expectAccessible(app, 'the import form');
      await app.keyboard.press('Escape');
      await app.keyboard.press('Escape');
    });

    test('the dialogs: settings, contracts, connections, notifications, the shortcut sheet and a confirmation', async ({
      app,
    }) => {
      test.slow();
      await app.getByRole('button', { name: 'Settings' }).click();
      await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await expectAccessible(app, 'the settings dialog');
      await app.keyboard.press('Escape');

      await app.keyboard.press('c');
      const contracts = app.getByRole('dialog', { name: 'Contracts' });
      await expect(contracts.getByRole('region', { name: 'Calendars' })).toBeVisible();
      await expectAccessible(app, 'the contracts dialog');
      await app.keyboard.press('Escape');

      await app.keyboard.press('Shift+N');
      const notifications = app.getByRole('dialog', { name: 'Notifications' });
      await expect(notifications.getByRole('button', { name: 'Send a test notification' })).toBeVisible();
      await expectAccessible(app, 'the notifications dialog');
      await app.keyboard.press('Escape');

      await app.keyboard.press('Shift+C');
      const connections = app.getByRole('dialog', { name: 'Connections' });
      await expect(connections.getByRole('form', { name: 'Add Zendesk' })).toBeVisible();
      await connections.getByRole('button', { name: 'Add and test' }).click();
      await expectAccessible(app, 'the connections dialog');
      await connections.getByLabel('Zendesk address').fill('http://example.com');
      await connections.getByLabel('E-mail of your Zendesk login').fill('agent@acme.example');
      await connections.getByLabel('Environment variable name').fill('ZENDESK_TOKEN');
      await connections.getByRole('button', { name: 'Add and test' }).click();
      await expect(connections.getByRole('alert')).toBeVisible();
      await expectAccessible(app, 'the connections dialog with an error');
      await app.keyboard.press('Escape');

      await app
        .getByRole('banner')
        .getByRole('button', { name: /^Sync status:/ })
        .click();
      await expect(app.getByRole('banner').getByRole('button', { name: 'Connections…' })).toBeVisible();
      await expectAccessible(app, 'the sync status panel');
      await app.keyboard.press('Escape');

      await app.keyboard.press('?');
      await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectAccessible(app, 'the shortcut sheet');
      await app.keyboard.press('Escape');

      await app.getByRole('banner').getByRole('button', { name: 'Remove demo data' }).click();
      await expect(app.getByRole('dialog', { name: 'Remove the demo data?' })).toBeVisible();
      await expectAccessible(app, 'the confirmation');
      await app.keyboard.press('Escape');
    });
  });
}

test('the window is made of landmarks: banner, navigation, search, main, complementary, contentinfo', async ({
  app,
}) => {
  await expect(app.getByRole('banner')).toHaveCount(1);
  await expect(app.getByRole('banner').getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(app.getByRole('search', { name: 'Filters' }).getByRole('searchbox')).toBeVisible();
  await expect(app.getByRole('main').getByRole('listbox', { name: 'Tickets' })).toBeVisible();
  await expect(app.getByRole('contentinfo').getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(ticketPane(app)).toHaveCount(0);
  await queueRows(app).first().click();
  await expect(ticketPane(app).getByRole('heading', { level: 2 })).toBeVisible();
  await expect(app.getByRole('main').getByRole('complementary')).toHaveCount(0);
});

test('every control reached with Tab shows a focus ring', async ({ app }) => {
  await queueRows(app).first().click();
  await expect(ticketPane(app).getByRole('heading', { level: 2 })).toBeVisible();
  await app.locator('body').focus();
  const positions: number[] = [];
  const seen: string[] = [];
  const unringed: string[] = [];
  for (let i = 0; i < 80; i++) {
    await app.keyboard.press('Tab');
    const focused = await app.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || element === document.body) return null;
      const style = getComputedStyle(element);
      const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
      return {
        /** Where it is in the document: two buttons may have the same text. */
        at: Array.from(document.querySelectorAll('*')).indexOf(element),
        name: `${element.tagName.toLowerCase()} "${label.slice(0, 30)}"`,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (focused === null) continue;
    if (positions.includes(focused.at)) break;
    positions.push(focused.at);
    seen.push(focused.name);
    if (!focused.ring) unringed.push(focused.name);
  }
  expect(seen.length, `controls reached: ${seen.join(', ')}`).toBeGreaterThan(15);
  expect(unringed).toEqual([]);
});

test('the countdown is spoken at a calm rate: once a minute near the deadline, not each second', async ({
  page,
  host,
}) => {
  await page.clock.install();
  await page.goto(host.url);
  await showFullQueue(page);
  const row = rowDue(page, 'running');
  const dueAt = Date.parse((await row.locator('.cell-due time').getAttribute('datetime')) ?? '');
  await openRow(page, row);
  const sla = ticketPane(page).getByRole('region', { name: 'SLA' });
  const spoken = sla.getByRole('status');

  await page.clock.setSystemTime(dueAt - 630_000);
  await expect(spoken).toHaveText(/ due in about 11 min$/);
  // The visible countdown ticks each second; what is spoken stays until the minute turns.
  const shown = sla.locator('.clock-live').first();
  const before = await shown.textContent();
  await expect.poll(() => shown.textContent(), { timeout: 2_500, intervals: [200] }).not.toBe(before);
  await expect(spoken).toHaveText(/ due in about 11 min$/);
  await page.clock.setSystemTime(dueAt - 590_000);
  await expect(spoken).toHaveText(/ due in about 10 min$/);
  await page.clock.setSystemTime(dueAt + 5_000);
  await expect(spoken).toHaveText(/ breached$/);

  // Nothing that ticks each second is in a live region.
  for (const ticking of [shown, queueRows(page).first().locator('.cell-due')]) {
    expect(
      await ticking.evaluate((element) =>
        Boolean(
          element.closest('[aria-live], [role="status"], [role="alert"], [role="log"], [role="timer"]'),
        ),
      ),
    ).toBe(false);
  }
});

test('? opens the shortcut sheet; Escape closes it and the focus goes back', async ({ app }) => {
  await app.keyboard.press('j');
  const list = app.getByRole('listbox', { name: 'Tickets' });
  await expect(list).toBeFocused();
  await app.keyboard.press('?');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [key, does] of [
    ['n', 'Show “Needs me now”'],
    ['q', 'Show the full queue'],
    ['/', 'Search'],
    ['?', 'Show these shortcuts'],
  ]) {
    await expect(
      sheet.getByRole('row', { name: new RegExp(`^${key === '?' ? '\\?' : key} `) }),
    ).toContainText(does ?? '');
  }
  await app.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(list).toBeFocused();

  // The status bar's button opens it too, and gets the focus back.
  const button = app.getByRole('contentinfo').getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
  await expect(button).toBeFocused();
});
