// Actions made in the browser UI while the ticket system is down reach it exactly once when it is back: the real web
// host and the Zendesk test server on loopback. The server stops; the engineer assigns a ticket to themself, adds an
// internal note and sets it to "waiting on customer" from the keyboard (each shows at once, pending); the server
// comes back on the same port, "Sync now", the changes are sent (and, as far as Zendesk's exports allow yet,
// confirmed), and the server has each one once.
import type { Page } from '@playwright/test';
import { seedZendesk } from '../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../servers/zendesk/server';
import { ZendeskState } from '../servers/zendesk/state';
import { expect, queueRows, showFullQueue, test, ticketPane } from './fixtures';

const TOKEN_VARIABLE = 'PIKET_E2E_OFFLINE_ACTIONS_TOKEN';
const TOKEN = 'zd-e2e-offline-actions-7c40';

test.use({ hostEnv: { [TOKEN_VARIABLE]: TOKEN } });

let server: ZendeskServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

async function connect(page: Page, url: string, email: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Connections', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  const form = dialog.getByRole('form', { name: 'Add Zendesk' });
  await form.getByLabel('Zendesk address').fill(url);
  await form.getByLabel('E-mail of your Zendesk login').fill(email);
  await form.getByLabel('Name (optional)').fill('acme');
  await form.getByRole('radio', { name: 'In an environment variable' }).check();
  await form.getByLabel('Environment variable name').fill(TOKEN_VARIABLE);
  await form.getByRole('button', { name: 'Add and test' }).click();
  await expect(dialog.getByRole('listitem', { name: /Zendesk/ })).toContainText('Up to date', {
    timeout: 15_000,
  });
  await page.keyboard.press('Escape');
}

test('actions made while Zendesk is down reach it once when it is back', async ({ app }) => {
  test.slow();
  const state = new ZendeskState(Date.now);
  const account = seedZendesk(state, { tickets: 12, seed: 7, token: TOKEN });
  server = await startZendeskServer({ state, rateLimits: false });
  const port = Number(new URL(server.url).port);
  await connect(app, server.url, account.admin.email!);

  const target = [...state.tickets.values()].find(
    (ticket) => !ticket.deleted && ['new', 'open'].includes(ticket.status),
  )!;
  const commentsBefore = state.commentsOf(target.id).length;
  await showFullQueue(app);
  await app.getByRole('searchbox', { name: 'Search tickets' }).fill(target.subject);
  const row = queueRows(app).filter({
    has: app.locator('.ticket-ref').getByText(`#${target.id}`, { exact: true }),
  });
  await row.click();
  const pane = ticketPane(app);
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(target.subject);

  // Zendesk goes down; every change is made from the keyboard and shows at once, pending.
  await server.close();
  server = null;
  const note = `Checked the load balancer logs (offline, ${Date.now()})`;
  await app.keyboard.press('m');
  await expect(pane.locator('.facts')).toContainText(account.admin.name);
  await app.keyboard.press('i');
  await app.keyboard.type(note);
  await app.keyboard.press('Control+Enter');
  await expect(pane.getByRole('textbox')).toHaveCount(0);
  await app.keyboard.press('s');
  await pane
    .getByRole('group', { name: 'Set the status' })
    .getByRole('radio', { name: 'Waiting on customer' })
    .check();
  await app.keyboard.press('Enter');
  await expect(pane.locator('.status-chip')).toHaveText('Waiting on customer');
  await expect(pane.locator('.pending-chip')).toHaveText('Pending: 3 changes not confirmed yet');
  await expect(pane.locator('.notes .note-unsent')).toContainText(note);
  await expect(row.locator('.pending-mark')).toHaveText('Pending');

  // Zendesk is back on the same address: "Sync now" sends them. Zendesk's answers carry the ticket, so the
  // assignment and the status are confirmed at once; the note is sent and waits for the ticket events export, which
  // leaves out the last minute, to bring it back.
  server = await startZendeskServer({ state, rateLimits: false, port });
  const syncNow = app.getByRole('contentinfo').getByRole('button', { name: 'Sync now' });
  await syncNow.click();
  const changes = pane.getByRole('region', { name: 'Your changes not confirmed yet' }).getByRole('listitem');
  await expect(changes).toHaveCount(1, { timeout: 20_000 });
  await expect(changes.locator('.change-what')).toHaveText('Internal note');
  await expect(changes.locator('.change-state')).toHaveText('Sent, waiting for confirmation');
  await expect(pane.locator('.notes .note-unsent .note-unsent-mark')).toHaveText(
    'Sent, waiting for confirmation',
  );
  await expect(pane.locator('.status-chip')).toHaveText('Waiting on customer');
  await expect(pane.locator('.facts')).toContainText(account.admin.name);

  // Each change arrived once.
  const comments = state.commentsOf(target.id);
  expect(comments.filter((comment) => comment.body.includes(note))).toHaveLength(1);
  expect(comments).toHaveLength(commentsBefore + 1);
  expect(comments.at(-1)?.public).toBe(false);
  const ticket = state.tickets.get(target.id)!;
  expect(ticket.status).toBe('pending');
  expect(ticket.assigneeId).toBe(account.admin.id);
});
