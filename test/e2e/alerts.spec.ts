// The P1 alert in the browser (the real web host; two fresh P1s seeded by p1-desk.ts, the demo desk off): the panel
// lists each waiting P1 with its subject as text and chimes, the tab notifies, its title and icon flash; the keyboard
// reaches it all; Acknowledge takes a P1 away, Snooze hides it until the snooze ends; ?view=alert shows only the
// alert; a clicked desktop notification (openTicket) shows its ticket. The Notifications dialog and the alert
// settings. The host runs without notify-send on its PATH, so the
// notification health has a problem to report, the same on every machine.
import type { Page } from '@playwright/test';
import { expect, queueRows, test, ticketPane } from './fixtures';
import { CUSTOMER, P1S, P1_DESK_ENV, p1Desk } from './p1-desk';

test.use({ dataDirSetup: p1Desk, hostEnv: { ...P1_DESK_ENV, PATH: '/nonexistent-piket-e2e' } });

/** What the page did, recorded by `recordSignals`. */
interface Recorded {
  plays: string[];
  notifications: Array<{ title: string; options: NotificationOptions }>;
  titles: string[];
}

/**
 * Records every play of a media element (instead of playing), every browser notification (the tab may notify; each
 * can be clicked with `clickNotification`) and every title the tab takes.
 */
async function recordSignals(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const recorded: Recorded = { plays: [], notifications: [], titles: [] };
    const shown: Array<{ onclick: (() => void) | null }> = [];
    HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
      recorded.plays.push(this.src);
      return Promise.resolve();
    };
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        recorded.notifications.push({ title, options });
        shown.push(this);
      }
      close(): void {}
    }
    new MutationObserver(() => {
      if (recorded.titles.at(-1) !== document.title) recorded.titles.push(document.title);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    Object.assign(window, { Notification: RecordingNotification, recorded, shown });
  });
}

function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
}

function clickNotification(page: Page, index: number): Promise<void> {
  return page.evaluate((i) => {
    (window as unknown as { shown: Array<{ onclick: () => void }> }).shown[i]?.onclick();
  }, index);
}

/** Opens the page and collects what the browser console reports as errors (a CSP violation, say). */
async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return errors;
}

function alertPanel(page: Page) {
  return page.getByRole('region', { name: /waiting for acknowledgement$/ });
}

test('a waiting P1 alerts: the panel with its subject as text, the chime, a notification, a flashing tab', async ({
  page,
  host,
}) => {
  await recordSignals(page);
  const errors = await open(page, host.url);
  const panel = alertPanel(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('2 P1s waiting for acknowledgement');
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(P1S.markup.subject);
  await expect(items.nth(0)).toContainText(
    new RegExp(`${CUSTOMER} · #${P1S.markup.ref} · waiting [5-9] min`),
  );
  await expect(items.nth(1)).toContainText(P1S.scanners.subject);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(
    page.getByRole('alert').filter({ hasText: `P1 from ${CUSTOMER}: ${P1S.markup.subject}` }),
  ).toHaveCount(1);

  // One chime for the two that appeared together, and one notification each that stays until it is dealt with.
  await expect.poll(async () => (await recorded(page)).plays).toEqual([`${host.origin}/alert.wav`]);
  const notifications = (await recorded(page)).notifications;
  expect(notifications).toEqual(
    [P1S.markup, P1S.scanners].map((p1) => ({
      title: `P1 from ${CUSTOMER}`,
      options: { body: p1.subject, requireInteraction: true, tag: expect.stringMatching(/^p1-\d+$/) },
    })),
  );

  // The title and the icon alternate while a P1 waits.
  await expect(page).toHaveTitle(`(!) 2 P1s: ${P1S.markup.subject} — Piket`);
  await expect(page).toHaveTitle('Piket (2 due soon)');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', './favicon-alert.svg');
  await expect(icon).toHaveAttribute('href', './favicon.svg');

  // Clicking a notification shows its ticket, with the focus on its title.
  await clickNotification(page, 1);
  const title = ticketPane(page).getByRole('heading', { level: 2 });
  await expect(title).toHaveText(P1S.scanners.subject);
  await expect(title).toBeFocused();

  // The bundled chime is served and the page may play it (CSP media-src).
  const seconds = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const audio = new Audio('alert.wav');
        audio.oncanplaythrough = () => resolve(audio.duration);
        audio.onerror = () => reject(new Error(audio.error?.message ?? 'the chime did not load'));
      }),
  );
  expect(seconds).toBeGreaterThan(0.4);
  expect(errors, 'errors in the browser console').toEqual([]);
});

test('the chime sounds again every 5 minutes while a P1 waits; the notification is not repeated', async ({
  page,
  host,
}) => {
  await page.clock.install();
  await recordSignals(page);
  await open(page, host.url);
  await expect.poll(async () => (await recorded(page)).plays).toHaveLength(1);
  await page.clock.fastForward('04:50');
  expect((await recorded(page)).plays).toHaveLength(1);
  await page.clock.fastForward('00:15');
  await expect.poll(async () => (await recorded(page)).plays).toHaveLength(2);
  expect((await recorded(page)).notifications).toHaveLength(2);
});

test('! goes to the alert, the keyboard reaches every button, and Open shows the ticket', async ({ app }) => {
  const panel = alertPanel(app);
  await app.keyboard.press('!');
  await expect(panel).toBeFocused();
  const items = panel.getByRole('listitem');
  for (const item of [items.nth(0), items.nth(1)]) {
    for (const name of ['Acknowledge', 'Open', 'Snooze 5 min']) {
      await app.keyboard.press('Tab');
      await expect(item.getByRole('button', { name })).toBeFocused();
    }
  }
  await app.keyboard.press('Shift+Tab');
  await expect(items.nth(1).getByRole('button', { name: 'Open' })).toBeFocused();
  await app.keyboard.press('Enter');
  const title = ticketPane(app).getByRole('heading', { level: 2 });
  await expect(title).toHaveText(P1S.scanners.subject);
  await expect(title).toBeFocused();
  await expect(queueRows(app).filter({ hasText: P1S.scanners.subject })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  await app.keyboard.press('?');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /^! / })).toContainText('Go to the P1 alert');
  await expect(sheet.getByRole('row', { name: /^Shift\+N / })).toContainText('Show the notifications');
});

test('a clicked desktop notification (openTicket) shows its ticket; one without a ticket shows the queue', async ({
  page,
  host,
}) => {
  // The real host behind a pass-through socket, so the test can push the event the way the core does.
  let push: (event: string, payload: unknown) => void = () => undefined;
  await page.routeWebSocket(/\/api$/, (ws) => {
    ws.connectToServer();
    push = (event, payload) => ws.send(JSON.stringify({ type: 'event', event, payload }));
  });
  await page.goto(host.url);
  const row = queueRows(page).filter({ hasText: P1S.scanners.subject });
  const ticketId = Number((await row.getAttribute('id'))?.replace('ticket-', ''));
  push('openTicket', { ticketId });
  const title = ticketPane(page).getByRole('heading', { level: 2 });
  await expect(title).toHaveText(P1S.scanners.subject);
  await expect(title).toBeFocused();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  push('openTicket', { ticketId: null });
  await expect(page.getByRole('listbox', { name: 'Tickets' })).toBeFocused();
});

test('?view=alert shows only the alert: no queue, no Open', async ({ page, host }) => {
  const errors = await open(page, `${host.url}&view=alert`);
  const panel = page.getByRole('main').getByRole('region', { name: '2 P1s waiting for acknowledgement' });
  await expect(panel.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: 'Acknowledge' })).toHaveCount(2);
  await expect(panel.getByRole('button', { name: 'Snooze 5 min' })).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Open' })).toHaveCount(0);
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toHaveCount(0);
  await expect(page).toHaveTitle('P1 alert — Piket');
  expect(errors, 'errors in the browser console').toEqual([]);
});

test('Acknowledge takes a P1 away; Snooze hides the alert until the snooze ends; the tab calms down meanwhile', async ({
  page,
  host,
}) => {
  await page.clock.install();
  await recordSignals(page);
  await open(page, host.url);
  const panel = alertPanel(page);
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(2);

  await items.filter({ hasText: P1S.markup.subject }).getByRole('button', { name: 'Acknowledge' }).click();
  await expect(items).toHaveCount(1);
  await expect(panel.getByRole('heading')).toHaveText('P1 waiting for acknowledgement');
  await expect(items.getByRole('button', { name: 'Acknowledge' })).toBeFocused();
  await expect(queueRows(page).filter({ hasText: P1S.markup.subject }).locator('.cell-status')).toHaveText(
    'Acknowledged',
  );

  await items.getByRole('button', { name: 'Snooze 5 min' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Tickets' })).toBeFocused();
  await expect(page).toHaveTitle('Piket (2 due soon)');
  const before = (await recorded(page)).titles.length;
  await page.clock.runFor(3_000);
  expect((await recorded(page)).titles.slice(before).filter((title) => title.startsWith('(!)'))).toEqual([]);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');

  // When the snooze ends the alert is back at once, and so are the chime and the flashing title.
  const plays = (await recorded(page)).plays.length;
  await page.clock.fastForward('05:01');
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(P1S.scanners.subject);
  await expect(page).toHaveTitle(`(!) P1: ${P1S.scanners.subject} — Piket`);
  await expect.poll(async () => (await recorded(page)).plays.length).toBe(plays + 1);
});

test('the Notifications dialog: the problem, a test notification and its outcome, the tab, the last sync', async ({
  app,
  context,
  host,
}) => {
  const button = app.getByRole('contentinfo').getByRole('button', { name: /^Notifications/ });
  await expect(button).toHaveAccessibleName('Notifications (a problem stops alerts)');
  await app.keyboard.press('Shift+N');
  const dialog = app.getByRole('dialog', { name: 'Notifications' });
  await expect(dialog).toHaveAccessibleDescription(/notify-send is not installed/);
  await expect(dialog.getByText('Alerts may not reach you')).toBeVisible();
  await expect(dialog).toContainText("Desktop notifications through the system's notification service.");
  await expect(dialog).toContainText('Do Not Disturb');

  await dialog.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    /^The test notification failed: it was not shown\. notify-send is not installed/,
    { timeout: 15_000 },
  );
  const last = dialog.getByRole('definition');
  await expect(last.filter({ hasText: 'Failed: not shown' })).toHaveCount(1);
  await expect(dialog).toContainText(/\d+ notifications? failed in the last 24 hours\./);

  await expect(dialog).toContainText('This tab does not show notifications yet.');
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await dialog.getByRole('button', { name: 'Allow notifications in this tab' }).click();
  await expect(dialog).toContainText('This tab shows a notification for each new P1.');
  await expect(dialog.getByRole('button', { name: 'Allow notifications in this tab' })).toHaveCount(0);

  await expect(dialog.getByRole('listitem').filter({ hasText: 'Acme Zendesk' })).toContainText(
    'Not synced yet',
  );
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(button).toBeFocused();
});

test('the alert settings: when to alert, quiet hours saved or refused with a message, a pause', async ({
  app,
}) => {
  await app.getByRole('button', { name: 'Settings' }).click();
  let dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radio', { name: 'Only while I am on call' }).check();
  await expect(dialog.getByRole('status')).toHaveText('Saved: alerts reach you only while you are on call.');

  const quiet = dialog.getByRole('group', { name: 'Quiet hours' });
  await expect(quiet).toContainText('No quiet hours');
  await expect(quiet).toContainText('Times are in your time zone, Europe/Amsterdam.');
  await quiet.getByLabel('From').fill('22:30');
  await quiet.getByLabel('To').fill('06:45');
  await quiet.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(quiet).toContainText('Quiet from 22:30 to 06:45 (Europe/Amsterdam): only P1s notify then.');

  // The same time twice is refused, in words, next to the fields; what was saved stays.
  await quiet.getByLabel('To').fill('22:30');
  await quiet.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(quiet.getByRole('alert')).toHaveText(/^Not saved: .*start and end at different times/);
  await expect(quiet.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
  await expect(quiet).toContainText('Quiet from 22:30 to 06:45');
  await quiet.getByLabel('From').fill('');
  await quiet.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(quiet.getByRole('alert')).toHaveText(/^Not saved: .*HH:MM/);

  await dialog.getByRole('button', { name: 'Pause non-P1 alerts for 1 hour' }).click();
  await expect(dialog).toContainText(/Alerts other than P1s are paused until .+\./);
  await dialog.getByRole('button', { name: 'Resume alerts' }).click();
  await expect(dialog).toContainText('Alerts are not paused.');

  // Saved across a reload.
  await app.reload();
  await expect(queueRows(app).first()).toBeVisible();
  await app.getByRole('button', { name: 'Settings' }).click();
  dialog = app.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('radio', { name: 'Only while I am on call' })).toBeChecked();
  await expect(dialog.getByLabel('From')).toHaveValue('22:30');
  await expect(dialog.getByLabel('To')).toHaveValue('06:45');
  await dialog.getByRole('button', { name: 'No quiet hours' }).click();
  await expect(dialog).toContainText('No quiet hours: every alert notifies at any time.');
});
