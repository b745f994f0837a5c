// Rotations through the API on a real data folder: every real-world feed imports from its file and answers who is
// on call; a feed served over loopback HTTP imports, and refreshes that meet a 404, a page that is no calendar or a
// server that is gone keep the stored feed and show the error; a schedule made in Piket is validated with the JSON
// path of its problem and answers per layer; exports are RFC 5545 with stable UIDs; and Alerts hear whether I am on
// call (null without any schedule).
import { readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { OnCallReport, ScheduleExport, ScheduleImport, ScheduleView } from '../../../src/api/contract';
import { EventHub } from '../../../src/core/event-hub';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { Rotation } from '../../../src/core/rotation';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { calendarSource, readCalendarSource } from '../../../src/platform/calendar-source';
import { parseFeed } from '../../../src/rotation/ics';
import { migrate } from '../../../src/store/migrations';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { RecordingNotifier } from '../../support/recording-notifier';
import { at, FIXTURE_PREFIXES, fixturePath, startFeedServer, SUPPORT_NL } from '../../support/rotation';
import { call, ok } from '../../support/api-calls';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = at('2026-03-25T12:00:00Z');
const MINUTE = 60_000;

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function service(clock: FakeClock = createFakeClock(NOW), dataDir = tempDir()): PiketService {
  const piket = openPiketService({ dataDir, version: 'test', role: 'web', clock, syncIntervalMs: 3_600_000 });
  open.push(piket);
  return piket;
}

async function people(piket: PiketService, schedule: string, iso: string): Promise<string[]> {
  const report = await ok<OnCallReport>(piket, 'getOnCall', { schedule, at: at(iso) });
  return report.schedules[0]!.entries.map((entry) => entry.person).sort();
}

/** Who is on call in each fixture at an instant chosen by reading the file (see test/unit/rotation/ics). */
const ANSWERS: Record<string, { at: string; people: string[] }> = {
  '01': { at: '2021-01-27T10:00:00Z', people: ['Bob'] }, // the override of the 27th
  '02': { at: '2021-01-27T10:00:00Z', people: ['Alex', 'Alice', 'Bob'] },
  '03': { at: '2021-11-07T17:59:00Z', people: ['justin.hunthrop@grafana.com'] }, // 11:59 CST
  '04': { at: '2022-03-30T11:15:00Z', people: ['testing'] }, // 13:15 CEST
  '05': { at: '2023-07-20T12:00:00Z', people: ['user', 'user'] }, // the series and its stray override
  '06': { at: '2022-09-09T04:45:00Z', people: ['user1', 'user2'] },
  '07': { at: '2022-12-20T12:00:00Z', people: ['hsingh'] }, // an override swapping two people
  '08': { at: '2020-09-05T12:00:00Z', people: ['Florian Strugariu'] }, // a moved override
  '09': { at: '2022-12-05T12:00:00Z', people: ['Gregory Mierzwinski'] },
  '10': { at: '2019-03-10T12:00:00Z', people: ['A B'] },
  '11': { at: '2025-08-01T00:00:00Z', people: ['Jane Doe'] },
};

describe('importing every real-world feed', () => {
  it('has an answer for every fixture', () => {
    expect(Object.keys(ANSWERS).sort()).toEqual(FIXTURE_PREFIXES);
  });

  it.each(FIXTURE_PREFIXES)('%s: stores the file unchanged and answers who is on call', async (prefix) => {
    const dataDir = tempDir();
    const piket = service(createFakeClock(NOW), dataDir);
    const imported = await ok<ScheduleImport>(piket, 'importSchedule', {
      source: fixturePath(prefix),
      name: `fixture ${prefix}`,
    });
    expect(imported.schedule).toMatchObject({
      name: `fixture ${prefix}`,
      kind: 'feed',
      source: fixturePath(prefix),
      asOf: NOW,
      lastError: null,
      schedule: null,
    });
    expect(await people(piket, `FIXTURE ${prefix}`, ANSWERS[prefix]!.at)).toEqual(ANSWERS[prefix]!.people);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const text = db.prepare('SELECT feed_text FROM schedules').pluck().get();
      expect(text).toBe(readFileSync(fixturePath(prefix), 'utf8'));
    } finally {
      db.close();
    }
  });

  it('names a feed after its X-WR-CALNAME and keeps its zone; a feed without either after its file', async () => {
    const piket = service();
    const grafana = await ok<ScheduleImport>(piket, 'importSchedule', { source: fixturePath('07') });
    expect(grafana.schedule).toMatchObject({
      name: 'DOM: LWS Triage Rotation',
      feedName: 'DOM: LWS Triage Rotation',
      timeZone: 'America/Los_Angeles',
    });
    const plain = await ok<ScheduleImport>(piket, 'importSchedule', { source: fixturePath('09') });
    expect(plain.schedule).toMatchObject({
      name: '09-mozilla-weekly-interval12-until',
      feedName: null,
      timeZone: null,
    });
  });

  it('shows each time on the feed’s clock and on mine, and keeps summary and attendees', async () => {
    const piket = service();
    await ok(piket, 'importSchedule', { source: fixturePath('11'), name: 'pd' });
    await ok(piket, 'importSchedule', { source: fixturePath('07'), name: 'mozilla' });
    const report = await ok<OnCallReport>(piket, 'getOnCall', {
      at: at('2025-08-01T00:00:00Z'),
      schedule: 'pd',
    });
    expect(report.schedules[0]!.entries).toEqual([
      {
        uid: 'week-1@pagerduty.com',
        person: 'Jane Doe',
        summary: 'On Call - Jane Doe - On-Call Team',
        attendees: [{ name: null, email: 'jane@example.com' }],
        allDay: false,
        start: { at: at('2025-07-31T15:00:00Z'), local: expect.any(String), mine: expect.any(String) },
        end: { at: at('2025-08-07T15:00:00Z'), local: expect.any(String), mine: expect.any(String) },
      },
    ]);
    // All-day handoffs at Los Angeles midnight across the March change, shown on the feed's clock.
    const spring = await ok<OnCallReport>(piket, 'getOnCall', {
      at: at('2023-03-15T12:00:00Z'),
      schedule: 'mozilla',
    });
    expect(spring.schedules[0]).toMatchObject({ timeZone: 'America/Los_Angeles', kind: 'feed' });
    expect(spring.schedules[0]!.entries.map((e) => [e.person, e.start.local, e.end.local])).toEqual([
      ['jstutte', '2023-03-12T00:00-08:00', '2023-03-26T00:00-07:00'],
    ]);
  });
});

describe('a feed over loopback HTTP', () => {
  it('imports, then keeps the stored feed through a 404, a page that is no calendar and a server that is gone', async () => {
    const feed = await startFeedServer(readFileSync(fixturePath('04'), 'utf8'));
    open.push(feed);
    const clock = createFakeClock(NOW);
    const piket = service(clock);
    const imported = await ok<ScheduleImport>(piket, 'importSchedule', { source: feed.url, name: 'Madrid' });
    expect(imported.schedule).toMatchObject({ source: feed.url, asOf: NOW, lastError: null });
    const madrid = () => people(piket, 'Madrid', '2022-03-30T11:15:00Z');
    expect(await madrid()).toEqual(['testing']);

    const refreshFails = async (pattern: RegExp, code: string) => {
      clock.advance(10 * MINUTE);
      const result = await call<ScheduleImport>(piket, 'refreshSchedule', { name: 'madrid' });
      expect(result).toMatchObject({ ok: false, error: { code } });
      const message = (result as { error: { message: string } }).error.message;
      expect(message).toMatch(pattern);
      expect(message).toMatch(/\. Piket keeps showing it as of 2026-03-2[45] \d\d:\d\d [+-]\d\d:\d\d\.$/);
      const [view] = await ok<ScheduleView[]>(piket, 'listSchedules', {});
      expect(view).toMatchObject({ asOf: NOW, lastAttemptAt: clock.now() });
      expect(view!.lastError).toMatch(pattern);
      expect(await madrid()).toEqual(['testing']);
    };

    feed.answer = { status: 404, body: 'Not Found' };
    await refreshFails(/127\.0\.0\.1:\d+ answered 404 Not Found for the feed/, 'unavailable');
    feed.answer = { status: 200, body: '<!doctype html><title>Sign in</title>', contentType: 'text/html' };
    await refreshFails(/is not an iCalendar feed Piket can read: This is a web page \(HTML\)/, 'unavailable');
    await feed.close();
    open.splice(open.indexOf(feed), 1);
    await refreshFails(
      /127\.0\.0\.1:\d+ cannot be reached: nothing answers there \(ECONNREFUSED\)\./,
      'unavailable',
    );
  });

  it('refreshes to the newer text, clears the error and moves "as of"', async () => {
    const feed = await startFeedServer(readFileSync(fixturePath('04'), 'utf8'));
    open.push(feed);
    const clock = createFakeClock(NOW);
    const piket = service(clock);
    await ok(piket, 'importSchedule', { source: feed.url, name: 'rota' });
    feed.answer = { status: 500, body: 'oops' };
    clock.advance(MINUTE);
    expect((await call(piket, 'refreshSchedule', { name: 'rota' })).ok).toBe(false);
    feed.answer = { status: 200, body: readFileSync(fixturePath('10'), 'utf8') };
    clock.advance(MINUTE);
    const refreshed = await ok<ScheduleImport>(piket, 'refreshSchedule', { name: 'rota' });
    expect(refreshed.schedule).toMatchObject({ asOf: NOW + 2 * MINUTE, lastError: null, feedName: 'team' });
    expect(await people(piket, 'rota', '2019-03-10T12:00:00Z')).toEqual(['A B']);
    expect(await people(piket, 'rota', '2022-03-30T11:15:00Z')).toEqual([]);
  });

  it('stores nothing when the first read fails: a 404, a garbled feed, an unreachable or plain-http address', async () => {
    const feed = await startFeedServer('Not Found');
    open.push(feed);
    const piket = service();
    feed.answer = { status: 404, body: 'Not Found' };
    expect(await call(piket, 'importSchedule', { source: feed.url })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/answered 404 Not Found/) },
    });
    feed.answer = { status: 200, body: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T000000Z\n' };
    expect(await call(piket, 'importSchedule', { source: feed.url })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: expect.stringMatching(/not an iCalendar feed Piket can read: .*cut off or incomplete/),
      },
    });
    expect(
      await call(piket, 'importSchedule', { source: 'http://oncall.example.com/feed.ics' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/https only/) },
    });
    expect(await call(piket, 'importSchedule', { source: 'oncall.ics' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/absolute file path/) },
    });
    expect(await ok(piket, 'listSchedules', {})).toEqual([]);
  });
});

describe('reading a calendar source', () => {
  it('reads webcal:// as https:// and keeps a plain-http address only for this computer', () => {
    expect(calendarSource(' webcal://calendar.example.com/private/abc.ics ')).toBe(
      'https://calendar.example.com/private/abc.ics',
    );
    expect(calendarSource('http://localhost:8080/feed.ics')).toBe('http://localhost:8080/feed.ics');
    expect(() => calendarSource('ftp://example.com/feed.ics')).toThrow(/not a web address Piket reads/);
  });

  it('gives up on a server that never answers, at the deadline', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    open.push({
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => silent.close(() => resolve()));
      },
    });
    const port = (silent.address() as AddressInfo).port;
    await expect(readCalendarSource(`http://127.0.0.1:${port}/feed.ics`, 200)).rejects.toThrow(
      `127.0.0.1:${port} did not answer within 200 ms.`,
    );
  });
});

describe('a refresh of a feed read from a file', () => {
  it('keeps the stored text when the file is broken or gone, and says so', async () => {
    const file = join(tempDir(), 'oncall.ics');
    writeFileSync(file, readFileSync(fixturePath('01'), 'utf8'));
    const clock = createFakeClock(NOW);
    const piket = service(clock);
    await ok(piket, 'importSchedule', { source: file, name: 'Yekaterinburg' });
    writeFileSync(file, 'BEGIN:VCALENDAR\nVERSION:2.0\nEND:VEVENT\nEND:VCALENDAR\n');
    clock.advance(MINUTE);
    expect(await call(piket, 'refreshSchedule', { name: 'Yekaterinburg' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^"Yekaterinburg" was not refreshed: .*Line 3: END:VEVENT/) },
    });
    expect(await people(piket, 'Yekaterinburg', '2021-01-27T10:00:00Z')).toEqual(['Bob']);
    expect((await ok<ScheduleView[]>(piket, 'listSchedules', {}))[0]).toMatchObject({
      asOf: NOW,
      lastError: expect.stringMatching(/Line 3: END:VEVENT closes BEGIN:VCALENDAR from line 1\.$/),
    });
  });
});

describe('a schedule made in Piket', () => {
  it('is saved, listed with who is on call now, and answers per layer across the DST change', async () => {
    const piket = service();
    const changes: ScheduleView[][] = [];
    piket.on('schedulesChanged', (views) => changes.push(views));
    const saved = await ok<ScheduleView>(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    expect(saved).toMatchObject({
      id: 'support-nl',
      kind: 'local',
      timeZone: 'Europe/Amsterdam',
      source: null,
      asOf: NOW,
      onCallNow: ['Jane Doe'],
      schedule: SUPPORT_NL,
    });
    expect(changes).toEqual([[saved]]);

    // Sunday 29 March 03:30 CEST, the night the clocks go forward: Jane holds Nights (turn 5) and Primary.
    const report = await ok<OnCallReport>(piket, 'getOnCall', { at: at('2026-03-29T01:30:00Z') });
    const [nl] = report.schedules;
    expect(nl).toMatchObject({ kind: 'local', timeZone: 'Europe/Amsterdam', entries: [] });
    expect(nl!.final).toMatchObject({
      member: { name: 'Jane Doe' },
      source: 'layer',
      since: { at: at('2026-03-28T07:00:00Z'), local: '2026-03-28T08:00+01:00' },
      until: { at: at('2026-03-29T16:00:00Z'), local: '2026-03-29T18:00+02:00' },
    });
    expect(nl!.layers.map((l) => [l.layerName, l.member?.name, l.since?.local, l.until?.local])).toEqual([
      ['Primary', 'Jane Doe', '2026-03-23T09:00+01:00', '2026-03-30T09:00+02:00'],
      ['Nights', 'Jane Doe', '2026-03-28T18:00+01:00', '2026-03-29T08:00+02:00'],
    ]);
    // The override: Kim takes the whole schedule on 31 March 10:00–14:00 CEST.
    const covered = await ok<OnCallReport>(piket, 'getOnCall', { at: at('2026-03-31T09:00:00Z') });
    expect(covered.schedules[0]!.final).toMatchObject({ member: { name: 'Kim de Wit' }, source: 'override' });
    expect(covered.schedules[0]!.layers[0]).toMatchObject({ member: { name: 'Sam Smit' }, source: 'layer' });
  });

  it('refuses a schedule with a problem, naming its JSON path, and stores nothing', async () => {
    const piket = service();
    const broken = { ...SUPPORT_NL, layers: [{ ...SUPPORT_NL.layers[0]!, handoff: '9:00' }] };
    expect(await call(piket, 'saveSchedule', { schedule: broken })).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: 'schedule: layers[0].handoff: "9:00" is not a time of day (use HH:MM, 00:00–23:59)',
      },
    });
    expect(await call(piket, 'saveSchedule', { schedule: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/expected a schedule/) },
    });
    expect(await ok(piket, 'listSchedules', {})).toEqual([]);
  });

  it('replaces a schedule saved again under its id, refuses a name another has, and removes it', async () => {
    const piket = service();
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    await ok(piket, 'importSchedule', { source: fixturePath('10'), name: 'Dublin' });
    expect(
      await call(piket, 'saveSchedule', { schedule: { ...SUPPORT_NL, id: 'other', name: 'support nl' } }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: 'A schedule named "Support NL" exists already; give this one another name.',
      },
    });
    const renamed = await ok<ScheduleView>(piket, 'saveSchedule', {
      schedule: { ...SUPPORT_NL, name: 'Support EU' },
    });
    expect(renamed).toMatchObject({ id: 'support-nl', name: 'Support EU' });
    expect((await ok<ScheduleView[]>(piket, 'listSchedules', {})).map((v) => v.name)).toEqual([
      'Dublin',
      'Support EU',
    ]);
    expect(await call(piket, 'removeSchedule', { name: 'Support NL' })).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'There is no schedule named "Support NL" (schedules: "Dublin", "Support EU").',
      },
    });
    expect(
      (await ok<ScheduleView[]>(piket, 'removeSchedule', { name: 'support eu' })).map((v) => v.name),
    ).toEqual(['Dublin']);
  });
});

describe('exporting', () => {
  it('writes the final schedule from a week ago to 90 days ahead with stable UIDs, and only my shifts when asked', async () => {
    const clock = createFakeClock(NOW);
    const piket = service(clock);
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    await ok(piket, 'updateSettings', { me: 'noor@example.com' });
    const first = await ok<ScheduleExport>(piket, 'exportSchedule', {
      name: 'Support NL',
    });
    expect([first.from, first.to]).toEqual([NOW - 7 * 86_400_000, NOW + 90 * 86_400_000]);
    const feed = parseFeed(first.ics, { from: first.from, to: first.to });
    expect(feed.warnings).toEqual([]);
    expect(feed.entries).toHaveLength(first.events);
    expect(feed.entries.find((e) => e.start === at('2026-03-31T08:00:00Z'))).toMatchObject({
      summary: 'On call — Support NL (Kim de Wit)',
      person: 'Kim de Wit',
      end: at('2026-03-31T12:00:00Z'),
    });
    expect(feed.entries.find((e) => e.start === at('2026-03-28T17:00:00Z'))).toMatchObject({
      summary: 'On call — Nights (Jane Doe)',
      end: at('2026-03-29T06:00:00Z'),
    });

    clock.advance(86_400_000);
    const later = parseFeed(
      (await ok<{ ics: string }>(piket, 'exportSchedule', { name: 'Support NL' })).ics,
      {
        from: first.from,
        to: first.to + 86_400_000,
      },
    );
    const uid = (entries: typeof feed.entries, start: number) => entries.find((e) => e.start === start)?.uid;
    for (const entry of feed.entries.slice(1, -1)) expect(uid(later.entries, entry.start)).toBe(entry.uid);

    const mine = await ok<ScheduleExport>(piket, 'exportSchedule', { name: 'Support NL', mine: true });
    const nights = parseFeed(mine.ics, { from: mine.from, to: mine.to });
    expect(nights.entries.length).toBe(mine.events);
    expect(mine.events).toBeGreaterThan(40);
    expect(new Set(nights.entries.map((e) => e.person))).toEqual(new Set(['Noor Bakker']));
  });

  it('refuses an empty or too long range and a schedule that does not exist', async () => {
    const piket = service();
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    expect(await call(piket, 'exportSchedule', { name: 'Support NL', from: NOW, to: NOW })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: 'The range to export must end after it starts.' },
    });
    expect(
      await call(piket, 'exportSchedule', { name: 'Support NL', from: NOW, to: NOW + 4 * 366 * 86_400_000 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await call(piket, 'exportSchedule', { name: 'Nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

/** Lets the promises the fake clock's timers started run (no wall-clock waiting). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('whether I am on call, for alerts', () => {
  const databases = new WeakMap<Rotation, Database.Database>();
  function rotation(me: string[]): Rotation {
    const db = new Database(':memory:');
    migrate(db);
    open.push(db);
    const made = new Rotation({
      db,
      clock: createFakeClock(NOW),
      events: new EventHub(() => undefined),
      me: () => me,
      version: 't',
      myZone: () => 'Europe/Amsterdam',
    });
    databases.set(made, db);
    return made;
  }

  it('is null without any schedule', () => {
    expect(rotation(['Jane Doe']).onCall(NOW)).toBeNull();
  });

  it('reads the final schedule of a schedule made in Piket by name or e-mail, ignoring case', async () => {
    const jane = rotation(['JANE@EXAMPLE.COM']);
    await jane.handlers().saveSchedule({ schedule: SUPPORT_NL });
    expect(jane.onCall(at('2026-03-25T12:00:00Z'))).toBe(true); // Primary
    expect(jane.onCall(at('2026-03-24T20:00:00Z'))).toBe(true); // Nights, turn 1
    expect(jane.onCall(at('2026-03-25T20:00:00Z'))).toBe(false); // Nights, turn 2 is Noor's
    const kim = rotation(['kim de wit']);
    await kim.handlers().saveSchedule({ schedule: SUPPORT_NL });
    expect(kim.onCall(at('2026-03-31T09:00:00Z'))).toBe(true);
    expect(kim.onCall(at('2026-03-31T12:00:00Z'))).toBe(false);
  });

  it('reads a feed by the person shown, an attendee’s e-mail or name', async () => {
    for (const [me, expected] of [
      [['jane doe'], true],
      [['Jane@Example.com'], true],
      [['Bob'], false],
    ] as const) {
      const r = rotation([...me]);
      await r.handlers().importSchedule({ source: fixturePath('11') });
      expect(r.onCall(at('2025-08-01T00:00:00Z'))).toBe(expected);
    }
  });

  it('reads a stored feed this version cannot read as nobody on call, says why, and answers the rest', async () => {
    const r = rotation(['Jane Doe']);
    await r.handlers().importSchedule({ source: fixturePath('11'), name: 'pd' });
    await r.handlers().saveSchedule({ schedule: SUPPORT_NL });
    databases.get(r)!.prepare("UPDATE schedules SET feed_text = 'BEGIN:VCALENDAR' WHERE name = 'pd'").run();
    expect(r.onCall(at('2025-08-01T00:00:00Z'))).toBe(false);
    expect(r.onCall(at('2026-03-25T12:00:00Z'))).toBe(true);
    const report = await r.handlers().getOnCall({ at: at('2025-08-01T00:00:00Z') });
    expect(report.schedules.find((s) => s.name === 'pd')).toMatchObject({
      entries: [],
      lastError: expect.stringMatching(
        /^The stored feed cannot be read: The file ends inside BEGIN:VCALENDAR/,
      ),
    });
  });

  it('holds back P1 notices off call when alerts go only while I am on call, and lets them through on call', async () => {
    for (const [member, expected] of [
      ['Someone Else', 0],
      ['Sanne de Vries', 1],
    ] as const) {
      const clock = createFakeClock(at('2026-11-23T01:40:00Z'));
      const notifier = new RecordingNotifier();
      const piket = openPiketService({
        dataDir: tempDir(),
        version: 'test',
        role: 'app',
        clock,
        notifier,
        syncIntervalMs: 3_600_000,
      });
      open.push(piket);
      await piket.handlers.updateSettings({ alertWhen: 'onCall' });
      const always = {
        ...SUPPORT_NL,
        layers: [{ ...SUPPORT_NL.layers[0]!, members: [{ name: member }], start: '2026-01-05T09:00' }],
        overrides: [],
      };
      await ok(piket, 'saveSchedule', { schedule: always });
      await piket.start();
      await piket.handlers.syncNow({});
      await settle();
      clock.advance(1); // the scheduler fires what is overdue on its next wake
      await settle();
      const p1s = notifier.notices.filter((notice) => notice.title.startsWith('New P1'));
      expect(p1s.length > 0 ? 1 : 0).toBe(expected);
    }
  });
});
