// The rotation in the browser (the real web host; "Support NY" seeded by rotation-desk.ts beside the demo desk, the
// browser in Europe/Amsterdam): the header says who is on call now and opens the rotation view, which `o` opens too;
// the week lists each day's shifts on New York's wall clock, the weekly gap as a gap in words, and the toggle to my
// zone relabels every time and re-cuts the days on Amsterdam's clock. A new schedule with a bad handoff is refused
// with the core's message naming its JSON path, at the field; an override added in the view shows in the week; a feed
// imported from a fixture file's absolute path shows its source and "as of", refreshes and is removed once confirmed.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixturePath } from '../support/rotation';
import { ADA, GRACE, ROTATION, SCHEDULE_NAME, ZONE, rotationDesk } from './rotation-desk';

test.use({ dataDirSetup: rotationDesk });

const MY_ZONE = 'Europe/Amsterdam';

function rotationView(page: Page) {
  return page.getByRole('dialog', { name: 'Rotation: who is on call' });
}

/** 'HH:MM' of an instant on a zone's wall clock, read with Intl. */
function clock(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The date an instant falls on in a zone, as the view titles a day: "Wednesday, March 25". */
function dayName(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(instant);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

test('the header says who is on call now and opens the rotation view; o opens it too', async ({ app }) => {
  const onCall = app.getByRole('banner').getByRole('button', { name: /^On call:/ });
  await expect(onCall).toHaveText(`On call: ${ADA.name} (${SCHEDULE_NAME})`);
  await onCall.click();
  const view = rotationView(app);
  await expect(view).toBeVisible();
  await expect(view.getByRole('combobox', { name: 'Schedule' })).toHaveValue('support-ny');
  const now = view.getByRole('region', { name: 'Now' });
  await expect(now.getByRole('heading', { name: ADA.name })).toBeVisible();
  await expect(now.getByRole('link', { name: ADA.phone })).toHaveAttribute('href', 'tel:+12125550100');
  await expect(now.getByRole('link', { name: ADA.email })).toHaveAttribute('href', 'mailto:ada@example.com');
  // Grace (the `me` setting) takes the next turn.
  await expect(now.getByRole('heading', { name: GRACE.name })).toBeVisible();
  await expect(now).toContainText('Your next shift');
  await app.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await expect(onCall).toBeFocused();

  await app.locator('body').focus();
  await app.keyboard.press('o');
  await expect(view).toBeVisible();
});

test('the week lists shifts on the schedule’s clock, the gap in words; my zone relabels them', async ({
  app,
}) => {
  await app.keyboard.press('o');
  const view = rotationView(app);
  const period = view.getByRole('region', { name: /times in America\/New_York$/ });
  const today = period.getByRole('region', { name: / · Today$/ });
  const [before, after] = ROTATION.afterHandoff ? [GRACE, ADA] : [ADA, GRACE];
  await expect(today.getByRole('listitem').filter({ hasNotText: 'now' })).toHaveText([
    `00:00–09:00 ${before.name} · Primary`,
    `09:00–24:00 ${after.name} · Primary`,
  ]);
  await expect(today.getByRole('listitem').filter({ hasText: 'now' })).toHaveCount(1);

  const gapDay = period.getByRole('region', { name: new RegExp(`^${WEEKDAYS[ROTATION.gapWeekday - 1]}`) });
  await expect(gapDay.getByRole('listitem').filter({ hasText: 'Gap' })).toHaveText(
    '03:00–06:00 Gap: nobody is on call',
  );
  await expect(period.getByText('Gap: nobody is on call')).toHaveCount(1);

  await view.getByRole('button', { name: `My zone (${MY_ZONE})` }).click();
  const mine = view.getByRole('region', { name: `times in ${MY_ZONE}` });
  await expect(mine).toBeVisible();
  await expect(view.getByRole('button', { name: `My zone (${MY_ZONE})` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Today's handoff at 09:00 New York time, on Amsterdam's clock: the turn runs to Amsterdam's midnight.
  const handoffDay = mine.getByRole('region', {
    name: new RegExp(`^${dayName(ROTATION.todayHandoff, MY_ZONE)}`),
  });
  await expect(handoffDay.getByRole('listitem').filter({ hasNotText: 'now' })).toHaveText([
    `00:00–${clock(ROTATION.todayHandoff, MY_ZONE)} ${before.name} · Primary`,
    `${clock(ROTATION.todayHandoff, MY_ZONE)}–24:00 ${after.name} · Primary`,
  ]);
  const gap = mine.getByRole('listitem').filter({ hasText: 'Gap' });
  await expect(gap).toHaveCount(1);
  await expect(gap).toHaveText(/^\d\d:00–\d\d:00 Gap: nobody is on call$/);
  await expect(gap).not.toHaveText(/^03:00–06:00/);

  await view.getByRole('button', { name: /^The schedule’s zone/ }).click();
  await expect(period.getByText('Gap: nobody is on call')).toHaveText('Gap: nobody is on call');
});

test('a new schedule with a bad handoff names the JSON path at the field; fixed, it is saved', async ({
  app,
}) => {
  await app.keyboard.press('o');
  const view = rotationView(app);
  await view.getByRole('button', { name: 'New schedule…' }).click();
  const editor = app.getByRole('dialog', { name: 'New schedule' });
  await editor.getByLabel('Schedule name').fill('Weekend NL');
  await expect(editor.getByLabel('Time zone')).toHaveValue(MY_ZONE);
  await editor.getByRole('group', { name: 'Member 1' }).getByLabel('Name').fill('Noor Bakker');
  const handoff = editor.getByLabel('Handoff time');
  await handoff.fill('9:00');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  const message = 'layers[0].handoff: "9:00" is not a time of day (use HH:MM, 00:00–23:59)';
  await expect(handoff).toHaveAttribute('aria-invalid', 'true');
  await expect(handoff).toHaveAccessibleDescription(new RegExp(`${escape(message)}$`));
  await expect(handoff).toBeFocused();
  await expect(editor.getByRole('alert')).toContainText(message);

  await handoff.fill('09:00');
  await expect(handoff).toHaveAttribute('aria-invalid', 'false');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await expect(editor).toBeHidden();
  await expect(view.getByRole('status')).toHaveText('Saved “Weekend NL”.');
  await expect(view.getByRole('combobox', { name: 'Schedule' }).locator('option:checked')).toHaveText(
    'Weekend NL',
  );
  await expect(view.getByRole('region', { name: 'Now' })).toContainText('Noor Bakker');
});

test('an override added in the view shows in the week', async ({ app }) => {
  await app.keyboard.press('o');
  const view = rotationView(app);
  await view.getByRole('combobox', { name: 'Schedule' }).selectOption({ label: SCHEDULE_NAME });
  await view.getByRole('button', { name: 'Add an override…' }).click();
  const form = app.getByRole('dialog', { name: `Overrides of ${SCHEDULE_NAME}` });
  // At 10:00 today the turn begun at 09:00 runs: the one who held the pager before takes it over.
  const taker = ROTATION.afterHandoff ? GRACE : ADA;
  await form.getByLabel('Who takes over').selectOption(taker.name);
  await form.getByLabel(`From (${ZONE})`).fill(`${ROTATION.today}T10:00`);
  await form.getByLabel(`Until (${ZONE})`).fill(`${ROTATION.today}T12:00`);
  await form.getByRole('button', { name: 'Add override' }).click();
  await expect(form).toBeHidden();
  await expect(view.getByRole('status')).toHaveText(`Override added: ${taker.name}.`);
  const today = view.getByRole('region', { name: / · Today$/ });
  await expect(today.getByRole('listitem').filter({ hasText: '10:00–12:00' })).toHaveText(
    `10:00–12:00 ${taker.name} · override`,
  );
});

test('two shifts are swapped; a swap of one person’s shifts is refused in words', async ({ app }) => {
  await app.keyboard.press('o');
  const view = rotationView(app);
  await view.getByRole('combobox', { name: 'Schedule' }).selectOption({ label: SCHEDULE_NAME });
  await view.getByRole('button', { name: 'Swap shifts…' }).click();
  const form = app.getByRole('dialog', { name: 'Swap two shifts' });
  const first = form.getByLabel('First shift');
  const labels = await first.locator('option').allTextContents();
  const ada = labels.filter((label) => label.startsWith(`Primary: ${ADA.name}, `));
  const grace = labels.find((label) => label.startsWith(`Primary: ${GRACE.name}, `))!;
  await first.selectOption({ label: ada[0]! });
  await form.getByLabel('Second shift').selectOption({ label: ada[1]! });
  await form.getByRole('button', { name: 'Swap', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText(`both shifts are ${ADA.name}'s: there is nothing to swap`);

  await form.getByLabel('Second shift').selectOption({ label: grace });
  await form.getByRole('button', { name: 'Swap', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(view.getByRole('status')).toHaveText(`Swapped: ${ADA.name} and ${GRACE.name}.`);
  // Each takes the other's turn: both now stand in the week as overrides of the layer.
  const period = view.getByRole('region', { name: /times in America\/New_York$/ });
  await expect(
    period
      .getByRole('listitem')
      .filter({ hasText: `${GRACE.name} · override in Primary` })
      .first(),
  ).toBeVisible();
  await expect(
    period
      .getByRole('listitem')
      .filter({ hasText: `${ADA.name} · override in Primary` })
      .first(),
  ).toBeVisible();
});

test('a feed imported from a file path shows its source and "as of", refreshes and is removed', async ({
  app,
}) => {
  await app.keyboard.press('o');
  const view = rotationView(app);
  await view.getByRole('button', { name: 'Import a calendar feed…' }).click();
  const form = app.getByRole('dialog', { name: 'Import a calendar feed' });
  await form.getByLabel('Web address or file path').fill('feeds/oncall.ics');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByRole('alert')).toContainText('absolute file path');
  await form.getByLabel('Web address or file path').fill(fixturePath('11'));
  await form.getByLabel(/^Name/).fill('PagerDuty');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form).toBeHidden();
  await expect(view.getByRole('status')).toHaveText(/^Imported “PagerDuty”: 0 entries/);
  await expect(view.getByRole('combobox', { name: 'Schedule' }).locator('option:checked')).toHaveText(
    'PagerDuty',
  );
  await expect(view.getByText(fixturePath('11'))).toBeVisible();
  await expect(view.getByText('As of')).toBeVisible();

  await view.getByRole('button', { name: 'Refresh' }).click();
  await expect(view.getByRole('status')).toHaveText('“PagerDuty” was read again.');
  await view.getByRole('button', { name: 'Remove…' }).click();
  const confirm = app.getByRole('dialog', { name: 'Remove “PagerDuty”?' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(view.getByRole('status')).toHaveText('Removed “PagerDuty”.');
  await expect(
    view.getByRole('combobox', { name: 'Schedule' }).getByRole('option', { name: 'PagerDuty' }),
  ).toHaveCount(0);
});

/** A text for a regular expression, its special characters escaped. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
