// Connections in the browser UI against the real web host and the Zendesk test server: bad input gets the core's
// message and adds nothing; a good connection is tested ("Connected as … (admin)"), its tickets reach the queue,
// the header's sync status shows its last sync and later its errors in words; removing it takes its tickets away.
import type { Page } from '@playwright/test';
import { seedZendesk, type SeededAccount } from '../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../servers/zendesk/server';
import { ZendeskState } from '../servers/zendesk/state';
import { expect, queueRows, showFullQueue, test } from './fixtures';

const TOKEN_VARIABLE = 'PIKET_E2E_ZENDESK_TOKEN';
const TOKEN = 'zd-e2e-token-5b21';

test.use({ hostEnv: { [TOKEN_VARIABLE]: TOKEN } });

let server: ZendeskServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

async function desk(): Promise<{ server: ZendeskServer; account: SeededAccount }> {
  const state = new ZendeskState(Date.now);
  const account = seedZendesk(state, { tickets: 12, seed: 7, token: TOKEN });
  server = await startZendeskServer({ state, rateLimits: false });
  return { server, account };
}

async function openConnections(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Connections', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function fillForm(
  page: Page,
  fields: { url: string; email: string; name?: string; variable: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add Zendesk' });
  await form.getByLabel('Zendesk address').fill(fields.url);
  await form.getByLabel('E-mail of your Zendesk login').fill(fields.email);
  if (fields.name) await form.getByLabel('Name (optional)').fill(fields.name);
  await form.getByRole('radio', { name: 'In an environment variable' }).check();
  await form.getByLabel('Environment variable name').fill(fields.variable);
  await form.getByRole('button', { name: 'Add and test' }).click();
}

test('an environment variable that is not set: the core says so next to the form and nothing is added', async ({
  app,
}) => {
  const dialog = await openConnections(app);
  await expect(dialog.getByText('No ticket system is connected yet.', { exact: false })).toBeVisible();
  await fillForm(app, { url: 'acme', email: 'agent@acme.example', variable: 'PIKET_E2E_NOT_SET' });
  await expect(dialog.getByRole('alert')).toHaveText(/environment variable PIKET_E2E_NOT_SET is not set/);
  await expect(dialog.getByRole('listitem')).toHaveCount(0);
  // In the browser there is no keychain: the paste option says that only the desktop app can keep a token.
  const paste = dialog.getByRole('radio', { name: 'Paste it (kept in the keychain)' });
  await expect(paste).toBeDisabled();
  await expect(paste).toHaveAccessibleDescription(/Only the desktop app can keep a pasted token/);
});

test('an address Piket will not send a token to: the core says why', async ({ app }) => {
  const dialog = await openConnections(app);
  await fillForm(app, { url: 'http://example.com', email: 'agent@acme.example', variable: TOKEN_VARIABLE });
  await expect(dialog.getByRole('alert')).toHaveText(/only over https/);
  await expect(dialog.getByRole('listitem')).toHaveCount(0);
  // Escape closes the dialog, and the focus goes back to the header button that opened it.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(
    app.getByRole('banner').getByRole('button', { name: 'Connections', exact: true }),
  ).toBeFocused();
});

test('a Zendesk end to end: add and test, its tickets in the queue, its sync in the header, its errors in words, remove', async ({
  app,
}) => {
  test.slow();
  const { server: zendesk, account } = await desk();
  const dialog = await openConnections(app);
  await fillForm(app, {
    url: zendesk.url,
    email: account.admin.email!,
    name: 'acme',
    variable: TOKEN_VARIABLE,
  });

  const item = dialog.getByRole('listitem', { name: /Zendesk/ });
  await expect(item.getByRole('status')).toHaveText(`Connected as ${account.admin.name} (admin)`, {
    timeout: 15_000,
  });
  await expect(item).toContainText(`environment variable ${TOKEN_VARIABLE}`);
  await expect(item).not.toContainText(TOKEN);
  await expect(item).toContainText('Up to date', { timeout: 15_000 });
  await expect(item.locator('dd').nth(4)).not.toHaveText('0');
  await app.keyboard.press('Escape');

  // Its tickets are in the queue: a customer only this Zendesk has, with the whole queue shown.
  const organization = [...zendesk.state.tickets.values()]
    .map((ticket) => ticket.organizationId)
    .find((id) => id !== null);
  const customer = zendesk.state.organizations.get(organization!)!.name;
  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await app.getByRole('combobox', { name: 'Customer' }).selectOption({ label: customer });
  await expect(queueRows(app).first()).toContainText(customer);

  // The header's sync status: online, and this connection's last sync.
  const indicator = app.getByRole('banner').getByRole('button', { name: /^Sync status:/ });
  await expect(indicator).toHaveText(/Online/);
  await indicator.click();
  const panel = app.getByRole('banner').locator('.sync-panel');
  await expect(panel.getByRole('listitem').filter({ hasText: 'Zendesk' })).toContainText(/Last synced/);

  // The token is revoked: after "Sync now" the header says, in words, that Zendesk refused it.
  zendesk.state.revokeApiToken(TOKEN);
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(indicator).toHaveText(/Sync problem/);
  await expect(panel).toContainText(`Zendesk refused the token for ${account.admin.email!}`);
  await expect(
    app
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /problem/ }),
  ).toHaveText('Sync has a problem. Open the sync status for details.');

  // The server is gone: the header says it cannot reach it.
  await zendesk.close();
  server = null;
  await app.getByRole('contentinfo').getByRole('button', { name: 'Sync now' }).click();
  await expect(indicator).toHaveText(/Offline/);
  await indicator.click();
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/refuses the connection: check the address/);

  // Remove (confirmed): its tickets and its customer leave the queue.
  await panel.getByRole('button', { name: 'Connections…' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^Remove Zendesk/ }).click();
  const confirm = app.getByRole('dialog', { name: /^Remove Zendesk/ });
  await expect(confirm).toContainText(/tickets are removed from Piket/);
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByRole('listitem')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(
    app.getByRole('combobox', { name: 'Customer' }).getByRole('option', { name: customer }),
  ).toHaveCount(0);
  await expect(queueRows(app).filter({ hasText: customer })).toHaveCount(0);
});
