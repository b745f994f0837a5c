// When the web host goes away the UI says so, keeps what it shows, and reports failed calls instead of throwing;
// when reconnecting keeps failing it tells the user to open the host's new link.
import { expect, queueRows, test } from './fixtures';

test.use({ allowConsoleErrors: true });

test('a lost connection shows the banner and failed calls show their message', async ({ app, host }) => {
  const firstTicket = /#[A-Z]+-\d+/.exec((await queueRows(app).first().textContent()) ?? '')?.[0];
  expect(firstTicket).toBeDefined();
  await host.stop();

  await expect(
    app.getByRole('alert').filter({ hasText: 'Connection to Piket lost — reconnecting' }),
  ).toBeVisible();
  // The rows stay (how many fit on screen depends on the banner's height, so compare what is there, not a count).
  await expect(queueRows(app).first()).toContainText(firstTicket!);

  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'not reachable' }).first()).toBeVisible();

  // Reconnects that never open (host gone, or restarted with a new token) turn the banner into advice. The backoff
  // before the third failed attempt is at most 0.5 + 1 + 2 s.
  const advice = app
    .getByRole('alert')
    .filter({ hasText: 'reach Piket. If it was restarted, open the new link it printed in its terminal.' });
  await expect(advice).toBeVisible({ timeout: 15_000 });
  await expect(app.getByRole('alert').filter({ hasText: 'Connection to Piket lost' })).toBeHidden();
  await expect(queueRows(app).first()).toBeVisible();
});
