// The detail pane: opened by click or keyboard, showing the ticket's and the customer's text and phone links.
import { expect, queueRows, showFullQueue, test, ticketPane } from './fixtures';

test('clicking a ticket shows its subject, customer, contacts and notes', async ({ app }) => {
  await showFullQueue(app);
  const row = queueRows(app).nth(1);
  const subject = (await row.locator('.subject-text').textContent()) ?? '';
  const customer = (await row.locator('.cell-customer').textContent()) ?? '';
  await row.click();

  const pane = ticketPane(app);
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(pane.getByText(customer, { exact: true })).toBeVisible();
  await expect(pane.getByRole('heading', { name: 'Description' })).toBeVisible();
  const phone = pane.getByRole('link', { name: /^\+?\d/ }).first();
  await expect(phone).toHaveAttribute('href', /^tel:\+?\d+$/);
  // One plain address per mailto: link (the rules: test/unit/renderer/contact-links.test.ts).
  const email = pane.getByRole('link', { name: /@/ }).first();
  await expect(email).toHaveAttribute('href', /^mailto:[^?&#,;@\s]+@[^?&#,;@\s]+$/);
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await pane.getByRole('button', { name: 'Close' }).click();
  await expect(pane).toBeHidden();
});

test('j/k and arrows move the selection, Enter opens, Escape closes', async ({ app }) => {
  await showFullQueue(app);
  const rows = queueRows(app);
  await app.keyboard.press('j');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('j');
  await app.keyboard.press('j');
  await app.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');

  const subject = (await rows.nth(2).locator('.subject-text').textContent()) ?? '';
  await app.keyboard.press('Enter');
  const pane = ticketPane(app);
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(subject);

  // With the pane open, the selection and the pane move together.
  const next = (await rows.nth(3).locator('.subject-text').textContent()) ?? '';
  await app.keyboard.press('j');
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(next);

  await app.keyboard.press('Escape');
  await expect(pane).toBeHidden();
  await expect(app.getByRole('listbox', { name: 'Tickets' })).toBeFocused();
});

test('shortcuts are ignored while typing in the search box', async ({ app }) => {
  await app.keyboard.press('/');
  await app.keyboard.type('jk');
  await expect(app.getByRole('searchbox', { name: 'Search tickets' })).toHaveValue('jk');
  await expect(queueRows(app).and(app.locator('[aria-selected="true"]'))).toHaveCount(0);
});
