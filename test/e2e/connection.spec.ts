// When the web host goes away the UI says so, keeps what it shows, and reports failed calls instead of throwing.
import { expect, queueRows, test } from './fixtures';

test.use({ allowConsoleErrors: true });

test('a lost connection shows the banner and failed calls show their message', async ({ app, host }) => {
  const rowsBefore = await queueRows(app).count();
  await host.stop();

  await expect(
    app.getByRole('alert').filter({ hasText: 'Connection to Piket lost — reconnecting' }),
  ).toBeVisible();
  expect(await queueRows(app).count()).toBe(rowsBefore);

  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'not reachable' })).toBeVisible();
});
