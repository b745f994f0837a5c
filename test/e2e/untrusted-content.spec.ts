// Ticket text is untrusted: markup in it is shown literally and never becomes elements or runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, queueRows, showFullQueue, test, ticketPane } from './fixtures';

test('markup in a ticket description is shown as text, never as elements', async ({ app }) => {
  const dialogs: string[] = [];
  app.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await showFullQueue(app);
  await app.getByRole('group', { name: 'Scope' }).getByRole('button', { name: 'All' }).click();
  await app.getByRole('searchbox', { name: 'Search tickets' }).fill('onerror');
  const row = queueRows(app).filter({ hasText: 'Notification banner shows raw HTML' }).first();
  await row.click();

  const pane = ticketPane(app);
  const description = pane.locator('.description');
  await expect(description).toContainText('<script>alert("piket")</script>');
  await expect(description).toContainText(`<img src=x onerror="alert('xss')">`);
  await expect(pane.locator('img, script, svg, iframe')).toHaveCount(0);
  await expect(app.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('the renderer source never injects HTML strings', () => {
  const forbidden = /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/;
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(tsx?|html)$/.test(name) && forbidden.test(readFileSync(path, 'utf8')))
        offenders.push(path);
    }
  };
  walk('renderer');
  expect(offenders).toEqual([]);
});
