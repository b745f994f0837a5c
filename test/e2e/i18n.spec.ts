// English and Dutch: the browser's language by default, the user's choice persisted through the core.
import { expect, queueRows, test } from './fixtures';

test.describe('in a Dutch browser', () => {
  test.use({ locale: 'nl-NL' });

  test('the UI starts in Dutch while the setting is "system"', async ({ app }) => {
    await expect(app.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(app.getByRole('searchbox', { name: 'Tickets zoeken' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Instellingen' })).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Taal' })).toHaveValue('system');
    const views = app.getByRole('navigation', { name: 'Weergaven' });
    await expect(views.getByRole('button', { name: /^Nu voor mij/, pressed: true })).toBeVisible();
    await expect(views.getByRole('button', { name: 'Wachtrij' })).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Volgorde' }).locator('option:checked')).toHaveText(
      'Urgentie: prioriteit, dan deadline',
    );
  });
});

test('switching to Dutch changes the UI and survives a reload', async ({ app }) => {
  await expect(app.getByRole('button', { name: 'Settings' })).toBeVisible();
  await app.getByRole('combobox', { name: 'Language' }).selectOption('nl');

  await expect(app.getByRole('button', { name: 'Instellingen' })).toBeVisible();
  await expect(app.getByRole('searchbox', { name: 'Tickets zoeken' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(queueRows(app).locator('.cell-age').first()).toHaveText(/geleden|gisteren|nu/);

  await app.reload();
  await expect(queueRows(app).first()).toBeVisible();
  await expect(app.getByRole('button', { name: 'Instellingen' })).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Taal' })).toHaveValue('nl');

  await app.getByRole('combobox', { name: 'Taal' }).selectOption('system');
  await expect(app.getByRole('button', { name: 'Settings' })).toBeVisible();
});
