// The demo desk: clearly marked, removable after a confirmation, and back on from Settings.
import { expect, queueRows, showFullQueue, test } from './fixtures';

test('the Demo badge and banner are shown', async ({ app }) => {
  await expect(app.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await expect(app.getByText('You are looking at demo data')).toBeVisible();
});

test('removing the demo asks first, empties the queue, and Settings turns it back on', async ({ app }) => {
  await app.getByRole('button', { name: 'Remove demo data' }).click();
  const confirm = app.getByRole('dialog', { name: 'Remove the demo data?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(queueRows(app).first()).toBeVisible();

  await app.getByRole('button', { name: 'Remove demo data' }).click();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(app.getByText('Nothing needs you now: no open P1 or P2')).toBeVisible();
  await expect(queueRows(app)).toHaveCount(0);
  await showFullQueue(app);
  await expect(app.getByText('Nothing is on fire: no open tickets.')).toBeVisible();
  await expect(queueRows(app)).toHaveCount(0);
  await expect(app.getByRole('banner').getByText('Demo', { exact: true })).toBeHidden();

  await app.getByRole('button', { name: 'Settings' }).click();
  const settings = app.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByText('The demo desk is off.')).toBeVisible();
  await settings.getByRole('button', { name: 'Turn the demo back on' }).click();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(app.getByRole('banner').getByText('Demo', { exact: true })).toBeVisible();
  await expect(queueRows(app).first()).toBeVisible({ timeout: 10_000 });
});
