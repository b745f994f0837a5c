// Ticket actions in the browser UI, from the keyboard. The tickets acted on belong to a Zendesk connection whose
// server cannot be reached (offline-desk.ts), so every change stays unsent and what the UI shows is deterministic:
// each action shows at once on the ticket and its queue row, marked pending in words, and the header counts it; a
// priority change shows its SLA effect before it is made; refused changes show what Zendesk said and can be
// discarded or edited; a closed ticket allows nothing and says why; a refusal by the core keeps the typed text.
// The last test acts on a demo ticket and needs the demo desk to accept changes.
import type { Page } from '@playwright/test';
import { expect, queueRows, showFullQueue, test, ticketPane, viewButton } from './fixtures';
import { CUSTOMER, OFFLINE_DESK, OFFLINE_DESK_ENV, REFUSALS, TICKETS, offlineDesk } from './offline-desk';

test.use({ dataDirSetup: offlineDesk, hostEnv: OFFLINE_DESK_ENV });

/** The queue row of a seeded ticket. */
function rowOf(page: Page, role: keyof typeof TICKETS) {
  return queueRows(page).filter({ hasText: TICKETS[role].subject });
}

/** The pane's list of changes not confirmed yet, item by item. */
function changeItems(page: Page) {
  return ticketPane(page)
    .getByRole('region', { name: 'Your changes not confirmed yet' })
    .getByRole('listitem');
}

/** Shows the customer's tickets and opens one with the keyboard: j until it is selected, then Enter. */
async function openSeeded(page: Page, role: keyof typeof TICKETS, scope: 'Open' | 'All' = 'Open') {
  await showFullQueue(page);
  await page.getByRole('group', { name: 'Scope' }).getByRole('button', { name: scope }).click();
  await page.getByRole('combobox', { name: 'Customer' }).selectOption({ label: CUSTOMER });
  const row = rowOf(page, role);
  await expect(row).toBeVisible();
  await expect(queueRows(page).filter({ hasNotText: 'Kestrel' })).toHaveCount(0);
  for (let i = 0; i < 5 && (await row.getAttribute('aria-selected')) !== 'true'; i++)
    await page.keyboard.press('j');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(ticketPane(page).getByRole('heading', { level: 2 })).toHaveText(TICKETS[role].subject);
}

test('each action from the keyboard shows at once, marked pending, and the header counts it', async ({
  app,
}) => {
  test.slow();
  await openSeeded(app, 'fresh');
  const pane = ticketPane(app);
  const row = rowOf(app, 'fresh');
  const outcome = pane.locator('.action-outcome');
  await expect(pane.locator('.pending-chip')).toHaveCount(0);
  await expect(row.locator('.pending-mark')).toHaveCount(0);

  // m: assigned to me, at once, on the ticket and its row, both marked pending in words.
  await app.keyboard.press('m');
  await expect(pane.locator('.facts')).toContainText('Sanne de Vries');
  await expect(pane.locator('.pending-chip')).toHaveText('Pending: 1 change not confirmed yet');
  await expect(row.locator('.pending-mark')).toHaveText('Pending');
  await expect(row.locator('.cell-assignee')).toHaveText('Sanne de Vries');
  await expect(changeItems(app)).toHaveCount(1);
  await expect(changeItems(app).first()).toContainText('Assign to me');
  await expect(changeItems(app).first()).toContainText('Waiting to be sent');
  await expect(outcome).toHaveText('Done: Assign to me. Piket sends it to the ticket system.');

  // a: acknowledged; m again does not apply any more, and says why.
  await app.keyboard.press('a');
  await expect(pane.locator('.status-chip')).toHaveText('Acknowledged');
  await expect(row.locator('.cell-status')).toHaveText('Acknowledged');
  await expect(pane.getByRole('button', { name: 'Acknowledge' })).toBeDisabled();
  await app.keyboard.press('m');
  await expect(outcome).toHaveText('Assign to me does not apply now: the ticket is already assigned to you.');
  await expect(changeItems(app)).toHaveCount(2);

  // s: the status choice, the current one not offered; arrows choose, Enter sets, the focus goes back.
  await app.keyboard.press('s');
  const statuses = pane.getByRole('group', { name: 'Set the status' });
  await expect(statuses.getByRole('radio', { name: 'Acknowledged (current)' })).toBeDisabled();
  await expect(statuses.getByRole('radio', { name: 'New' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(statuses.getByRole('radio', { name: 'In progress' })).toBeChecked();
  await app.keyboard.press('ArrowDown');
  await expect(statuses.getByRole('radio', { name: 'Waiting on customer' })).toBeChecked();
  await app.keyboard.press('Enter');
  await expect(statuses).toBeHidden();
  await expect(pane.locator('.status-chip')).toHaveText('Waiting on customer');
  await expect(pane.getByRole('button', { name: 'Status…' })).toBeFocused();

  // i: an internal note; Ctrl+Enter adds it, shown at once as not sent yet, its markup as text.
  await app.keyboard.press('i');
  const note = pane.getByRole('textbox', { name: 'Internal note (only your team sees it)' });
  await expect(note).toBeFocused();
  await app.keyboard.type('Rolled back <b>deploy</b> 4.2');
  await app.keyboard.press('Control+Enter');
  await expect(note).toBeHidden();
  const unsent = pane.locator('.notes .note-unsent');
  await expect(unsent).toHaveCount(1);
  await expect(unsent).toContainText('Internal note');
  await expect(unsent).toContainText('Not sent yet');
  await expect(unsent.locator('.note-body')).toHaveText('Rolled back <b>deploy</b> 4.2');
  await expect(pane.locator('.notes b')).toHaveCount(0);

  // r: a public reply; Esc closes the box and keeps the text, r opens it again with the text in it.
  await app.keyboard.press('r');
  const reply = pane.getByRole('textbox', { name: 'Public reply (the customer sees it)' });
  await app.keyboard.type('We are on it');
  await app.keyboard.press('Escape');
  await expect(reply).toBeHidden();
  await expect(ticketPane(app)).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Public reply' })).toBeFocused();
  await app.keyboard.press('r');
  await expect(reply).toHaveValue('We are on it');
  await app.keyboard.type(' and will update you within the hour.');
  await app.keyboard.press('Control+Enter');
  await expect(reply).toBeHidden();
  await expect(unsent).toHaveCount(2);
  await expect(unsent.nth(1)).toContainText('Public reply');
  await expect(unsent.nth(1).locator('.note-body')).toHaveText(
    'We are on it and will update you within the hour.',
  );

  // Shift+R: resolved.
  await app.keyboard.press('Shift+R');
  await expect(pane.locator('.status-chip')).toHaveText('Resolved');
  await expect(pane.getByRole('button', { name: 'Resolve' })).toBeDisabled();

  const items = changeItems(app);
  await expect(items).toHaveCount(6);
  for (const [i, what] of [
    'Assign to me',
    'Acknowledge',
    'Set status to Waiting on customer',
    'Internal note',
    'Public reply',
    'Resolve',
  ].entries()) {
    await expect(items.nth(i).locator('.change-what')).toHaveText(what);
    await expect(items.nth(i).locator('.change-state')).toHaveText('Waiting to be sent');
  }
  await expect(pane.locator('.pending-chip')).toHaveText('Pending: 6 changes not confirmed yet');

  // The header: offline, the changes waiting to be sent, the refused ones; per connection in the panel.
  const indicator = app.getByRole('banner').getByRole('button', { name: /^Sync status:/ });
  await expect(indicator).toHaveText(/Offline · \d+ changes waiting to be sent · \d+ changes? refused$/);
  await indicator.click();
  const line = app
    .getByRole('banner')
    .locator('.sync-panel')
    .getByRole('listitem')
    .filter({ hasText: OFFLINE_DESK });
  await expect(line).toContainText('6 changes waiting to be sent');
  await expect(line).toContainText(/refuses the connection/);
});

test('a priority change shows its SLA effect first: Esc goes back, Enter makes it', async ({ app }) => {
  await openSeeded(app, 'slow');
  const pane = ticketPane(app);
  await app.keyboard.press('p');
  const priorities = pane.getByRole('group', { name: 'Change the priority' });
  await expect(priorities.getByRole('radio', { name: 'P3 – normal (current)' })).toBeDisabled();
  const p1 = priorities.getByRole('radio', { name: 'P1 – critical' });
  await expect(p1).toBeFocused();
  await app.keyboard.press('Enter');

  // One hour old: P1's 30-minute response clock would be breached at once; P3's is not.
  const dialog = app.getByRole('dialog', { name: `Change #${TICKETS.slow.ref} from P3 to P1?` });
  await expect(dialog).toHaveAccessibleDescription(/The response clock is breached at once\./);
  await expect(dialog.getByRole('columnheader', { name: 'Now (P3)' })).toBeVisible();
  await expect(dialog.getByRole('columnheader', { name: 'After (P1)' })).toBeVisible();
  const response = dialog.getByRole('row', { name: /^Response/ });
  await expect(response.getByRole('cell').nth(0)).toContainText('(Europe/Amsterdam)');
  await expect(response.getByRole('cell').nth(0)).not.toContainText('Breached');
  await expect(response.getByRole('cell').nth(1)).toContainText('Breached');
  await expect(dialog.getByRole('row', { name: /^Resolution/ })).toBeVisible();

  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(pane.locator('.ticket-header .priority-badge')).toHaveText('P3');
  await expect(changeItems(app)).toHaveCount(0);
  await expect(p1).toBeFocused();

  await app.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Change to P1' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(pane.locator('.ticket-header .priority-badge')).toHaveText('P1');
  await expect(rowOf(app, 'slow').locator('.priority-badge')).toHaveText('P1');
  await expect(rowOf(app, 'slow').locator('.pending-mark')).toHaveText('Pending');
  await expect(changeItems(app)).toHaveCount(1);
  await expect(changeItems(app).first()).toContainText('Set priority to P1');
  await expect(changeItems(app).first()).toContainText('Waiting to be sent');
  await expect(
    pane.getByRole('region', { name: 'SLA' }).getByRole('listitem', { name: 'Response' }),
  ).toContainText('Breached');
  await expect(pane.getByRole('button', { name: 'Priority…' })).toBeFocused();
});

test('refused changes show what Zendesk said; Retry sends one again, Discard (confirmed) removes one, Edit changes one', async ({
  app,
}) => {
  await openSeeded(app, 'refused');
  const pane = ticketPane(app);
  const items = changeItems(app);
  await expect(items).toHaveCount(3);
  await expect(rowOf(app, 'refused').locator('.pending-mark')).toHaveText('Pending');
  await expect(app.getByRole('banner').getByRole('button', { name: /^Sync status:/ })).toHaveText(
    /\d+ changes? refused/,
  );

  const status = items.filter({ hasText: 'Set status to Resolved' });
  await expect(status.locator('.change-state')).toHaveText('Refused');
  await expect(status).toContainText(`The ticket system said: ${REFUSALS.status}`);
  const note = items.filter({ hasText: 'Internal note' });
  await expect(note.locator('.change-state')).toHaveText('Refused');
  await expect(note.locator('.change-body')).toHaveText(REFUSALS.noteBody);
  // A refused note waits in the change list, not in the notes as if on its way.
  await expect(pane.locator('.notes .note-unsent')).toHaveCount(0);

  // Retry sends the refused priority change again: it waits to be sent and shows on the ticket.
  const priority = items.filter({ hasText: 'Set priority to P2' });
  await expect(priority).toContainText(`The ticket system said: ${REFUSALS.priority}`);
  await expect(pane.locator('.ticket-header .priority-badge')).toHaveText('P3');
  await priority.getByRole('button', { name: 'Retry' }).click();
  await expect(priority.locator('.change-state')).toHaveText('Waiting to be sent');
  await expect(priority).not.toContainText(REFUSALS.priority);
  await expect(priority.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(pane.locator('.ticket-header .priority-badge')).toHaveText('P2');
  await expect(pane.locator('.action-outcome')).toHaveText('Set priority to P2 will be sent again.');

  // Discard asks first; Cancel keeps it, Discard removes it and the ticket is as Zendesk has it.
  const discard = status.getByRole('button', { name: 'Discard' });
  await discard.focus();
  await app.keyboard.press('Enter');
  const confirm = app.getByRole('dialog', { name: 'Discard this change?' });
  await expect(confirm).toContainText('“Set status to Resolved” is removed from Piket and never sent.');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(items).toHaveCount(3);
  await discard.click();
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(items).toHaveCount(2);
  await expect(pane.locator('.action-outcome')).toHaveText(
    'Set status to Resolved discarded; it will not be sent.',
  );
  await expect(pane.locator('.status-chip')).toHaveText('In progress');

  // Edit opens the note box with the refused text; the edited note waits to be sent.
  await note.getByRole('button', { name: 'Edit' }).click();
  const box = pane.getByRole('textbox', { name: 'Edit the refused internal note' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(REFUSALS.noteBody);
  await box.fill('Renewal job restarted by hand; runbook step 4.');
  await app.keyboard.press('Control+Enter');
  await expect(box).toBeHidden();
  await expect(note.locator('.change-state')).toHaveText('Waiting to be sent');
  await expect(note).not.toContainText(REFUSALS.note);
  const unsent = pane.locator('.notes .note-unsent');
  await expect(unsent).toContainText('Renewal job restarted by hand; runbook step 4.');
  await expect(unsent).toContainText('Not sent yet');
});

test('a closed ticket allows no action, and its shortcuts say why', async ({ app }) => {
  await openSeeded(app, 'closed', 'All');
  const pane = ticketPane(app);
  const bar = pane.getByRole('group', { name: 'Actions' });
  for (const name of [
    'Acknowledge',
    'Assign to me',
    'Status…',
    'Priority…',
    'Resolve',
    'Internal note',
    'Public reply',
  ]) {
    await expect(bar.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await app.keyboard.press('a');
  await expect(pane.locator('.action-outcome')).toHaveText(
    'Acknowledge does not apply now: the ticket is closed.',
  );
  await app.keyboard.press('i');
  await expect(pane.locator('.action-outcome')).toHaveText(
    'Internal note does not apply now: the ticket is closed.',
  );
  await expect(pane.getByRole('textbox')).toHaveCount(0);
  await expect(changeItems(app)).toHaveCount(0);
});

test('a note the core refuses keeps its text, with the reason beside it', async ({ app }) => {
  await openSeeded(app, 'slow');
  const pane = ticketPane(app);
  const before = await changeItems(app).count();
  await app.keyboard.press('i');
  const box = pane.getByRole('textbox', { name: 'Internal note (only your team sees it)' });
  const text = `Customer log:\n${'x'.repeat(30_000)}`;
  await box.fill(text);
  await app.keyboard.press('Control+Enter');
  await expect(pane.getByRole('alert')).toContainText('at most 30000 characters');
  await expect(box).toHaveValue(text);
  await expect(box).toHaveAccessibleDescription(/at most 30000 characters/);
  await expect(changeItems(app)).toHaveCount(before);
});

test.describe('in Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('the actions, the states of changes and the reasons are told in Dutch', async ({ app }) => {
    await viewButton(app, 'queue').click();
    await app.getByRole('group', { name: 'Bereik' }).getByRole('button', { name: 'Alle' }).click();
    await app.getByRole('combobox', { name: 'Klant' }).selectOption({ label: CUSTOMER });
    await rowOf(app, 'closed').click();
    const pane = app.getByRole('complementary', { name: 'Ticketdetails' });
    await expect(pane.getByRole('heading', { level: 2 })).toHaveText(TICKETS.closed.subject);
    await app.keyboard.press('a');
    await expect(pane.locator('.action-outcome')).toHaveText(
      'Bevestigen kan nu niet: het ticket is gesloten.',
    );

    await rowOf(app, 'refused').click();
    await expect(pane.getByRole('heading', { level: 2 })).toHaveText(TICKETS.refused.subject);
    const changes = pane.getByRole('region', { name: 'Je wijzigingen die nog niet bevestigd zijn' });
    await expect(changes.getByRole('listitem').first()).toContainText(/Geweigerd|Wacht op verzending/);
    await expect(
      pane.getByRole('group', { name: 'Acties' }).getByRole('button', { name: 'Oplossen' }),
    ).toBeVisible();
    await expect(rowOf(app, 'refused').locator('.pending-mark')).toHaveText('In afwachting');
  });
});

test('the shortcut sheet lists the ticket actions', async ({ app }) => {
  await app.keyboard.press('?');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const [key, does] of [
    ['a', 'Acknowledge the open ticket'],
    ['m', 'Assign the open ticket to me'],
    ['s', 'Set the status of the open ticket'],
    ['p', 'Change the priority of the open ticket (shows the SLA effect first)'],
    ['Shift\\+R', 'Resolve the open ticket'],
    ['i', 'Add an internal note to the open ticket'],
    ['r', 'Write a public reply on the open ticket'],
  ] as const) {
    await expect(sheet.getByRole('row', { name: new RegExp(`^${key} `) })).toContainText(does);
  }
});

test('on the demo desk (it must accept changes) an acknowledgement is confirmed and stops being pending', async ({
  app,
}) => {
  await showFullQueue(app);
  await app.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'New' });
  const row = queueRows(app).filter({ hasNotText: 'Kestrel' }).first();
  const subject = (await row.locator('.subject-text').textContent()) ?? '';
  await row.click();
  const pane = ticketPane(app);
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(subject);
  await app.keyboard.press('a');
  await expect(pane.locator('.status-chip')).toHaveText('Acknowledged');
  await expect(pane.locator('.pending-chip')).toBeHidden({ timeout: 10_000 });
  await expect(pane.getByRole('region', { name: 'Your changes not confirmed yet' })).toHaveCount(0);
  await expect(pane.locator('.status-chip')).toHaveText('Acknowledged');
});
