// One bad ticket never takes the on-call tool down: the host starts with a ticket whose SLA cannot be computed and
// the UI says "SLA unavailable"; a ticket whose stored instants no Date can hold (as a Piket from before the
// instant bounds could have stored them) fails to render, and only its area (queue or ticket pane) shows a
// message with "Try again" while the rest of the window keeps working.
import { join } from 'node:path';
import type { ConsoleMessage, Page } from '@playwright/test';
import type { TicketRecord } from '../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../src/store/database';
import { PullStore } from '../../src/store/pull-store';
import { customerRecord, ticketRecord } from '../support/records';
import { expect, queueRows, showFullQueue, test, ticketPane } from './fixtures';

const HOUR = 3_600_000;
/** A valid Date, but no SLA deadline after it is. */
const BEYOND_DEADLINES = 8.64e15 - HOUR;
/** Beyond the range of Date: formatting it throws. */
const BEYOND_DATES = 9e15;
/** A word no demo ticket uses, to search the seeded tickets. */
const MARK = 'Zebracorn';

function seedTickets(dataDir: string): void {
  const now = Date.now();
  const ticket = (externalId: string, subject: string, fields: Partial<TicketRecord>): TicketRecord =>
    ticketRecord({
      source: 'legacy',
      externalId,
      customerExternalId: 'acme',
      subject: `${MARK} ${subject}`,
      priority: 'P2',
      createdAt: now - HOUR,
      updatedAt: now - HOUR,
      ...fields,
    });
  const { db } = openDatabase(join(dataDir, 'piket.db'));
  try {
    new PullStore(db).applyPage(
      'legacy',
      'tickets',
      {
        customers: [
          customerRecord({ source: 'legacy', externalId: 'acme', name: 'Acme', updatedAt: now - HOUR }),
        ],
        tickets: [
          ticket('L-1', 'without a computable SLA', { createdAt: BEYOND_DEADLINES }),
          ticket('L-2', 'with a broken reply date', { firstResponseAt: BEYOND_DATES }),
          ticket('L-3', 'closed with a broken creation date', {
            status: 'resolved',
            createdAt: BEYOND_DATES,
            resolvedAt: now - HOUR,
          }),
        ],
      },
      'legacy-cursor',
    );
  } finally {
    closeDatabase(db);
  }
}

test.use({ dataDirSetup: { prepare: seedTickets } });

/** Console errors the error boundaries logged for an area. */
function boundaryLogs(page: Page, area: 'queue' | 'detail'): string[] {
  const logged: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && message.text().includes(`Piket: the ${area} area failed to render.`))
      logged.push(message.text());
  });
  return logged;
}

async function searchSeeded(app: Page, search = 'Search tickets'): Promise<void> {
  await showFullQueue(app);
  await app.getByRole('searchbox', { name: search }).fill(MARK);
  await expect(queueRows(app)).toHaveCount(2);
}

test('a ticket whose SLA cannot be computed says "SLA unavailable" in its row and its pane', async ({
  app,
}) => {
  await searchSeeded(app);
  const row = queueRows(app).filter({ hasText: 'without a computable SLA' });
  await expect(row.locator('.cell-due')).toHaveText('SLA unavailable');

  await row.click();
  const sla = ticketPane(app).getByRole('region', { name: 'SLA' });
  await expect(sla).toContainText('SLA unavailable');
  await expect(sla).toContainText('The SLA of this ticket could not be computed:');
});

test.describe('when a ticket fails to render (the boundaries log to the console)', () => {
  test.use({ allowConsoleErrors: true });

  test('only the ticket pane fails, and it recovers when another ticket is opened', async ({ app }) => {
    const logged = boundaryLogs(app, 'detail');
    await searchSeeded(app);
    await queueRows(app).filter({ hasText: 'with a broken reply date' }).click();

    const pane = ticketPane(app);
    const alert = pane.getByRole('alert');
    await expect(alert).toHaveText(/This ticket could not be shown\./);
    await expect.poll(() => logged.length).toBe(1);

    // "Try again" renders the pane anew: with the same ticket it fails (and logs) again.
    const retry = alert.getByRole('button', { name: 'Try again' });
    await retry.focus();
    await app.keyboard.press('Enter');
    await expect.poll(() => logged.length).toBe(2);
    await expect(alert).toBeVisible();

    // The queue still works, and opening another ticket shows it.
    await queueRows(app).filter({ hasText: 'without a computable SLA' }).click();
    await expect(pane.getByRole('heading', { level: 2 })).toHaveText(`${MARK} without a computable SLA`);
    await expect(pane.getByRole('alert')).toHaveCount(0);
  });

  test('only the queue fails, and "Try again" brings it back', async ({ app }) => {
    const logged = boundaryLogs(app, 'queue');
    await searchSeeded(app);
    const scope = app.getByRole('group', { name: 'Scope' });
    await scope.getByRole('button', { name: 'All' }).click();

    const alert = app.getByRole('alert').filter({ hasText: 'The queue could not be shown.' });
    await expect(alert).toBeVisible();
    await expect(app.getByRole('listbox', { name: 'Tickets' })).toHaveCount(0);
    await expect.poll(() => logged.length).toBeGreaterThan(0);

    // The rest of the window keeps working: back to the open tickets, then try again from the keyboard.
    await scope.getByRole('button', { name: 'Open' }).click();
    await expect(alert).toBeVisible();
    const retry = alert.getByRole('button', { name: 'Try again' });
    expect(await retry.evaluate((button) => button.tabIndex)).toBe(0);
    await retry.focus();
    await app.keyboard.press('Enter');
    await expect(alert).toHaveCount(0);
    await expect(queueRows(app)).toHaveCount(2);
  });

  test.describe('in Dutch', () => {
    test.use({ locale: 'nl-NL' });

    test('the unavailable SLA and the failed queue are told in Dutch', async ({ app }) => {
      await searchSeeded(app, 'Tickets zoeken');
      const row = queueRows(app).filter({ hasText: 'without a computable SLA' });
      await expect(row.locator('.cell-due')).toHaveText('SLA niet beschikbaar');

      await app.getByRole('group', { name: 'Bereik' }).getByRole('button', { name: 'Alle' }).click();
      const alert = app.getByRole('alert').filter({ hasText: 'De wachtrij kon niet worden getoond.' });
      await expect(alert.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
    });
  });
});
