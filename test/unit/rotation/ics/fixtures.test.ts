// Every real-world feed in test/fixtures/ics (see its README) imports without loss, and says who is on call
// at instants picked by reading the files: overrides applied, EXDATEs skipped, the stray override kept, DST
// handoffs at the same local time.
import { describe, expect, it } from 'vitest';
import { at, entryAt, eventUids, fixture, fixtureNames, iso, onCallAt, read } from './helpers';

const HOUR = 3_600_000;

describe('every fixture imports without loss', () => {
  it.each(fixtureNames)('%s: every event is read, none is left out', (name) => {
    const text = fixture(name.slice(0, 2));
    const feed = read(text, '2019-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(new Set(feed.entries.map((e) => e.uid))).toEqual(eventUids(text));
    expect(feed.entries.every((e) => e.end >= e.start && e.person !== '')).toBe(true);
    const strays = name.startsWith('05') ? 1 : 0;
    expect(feed.warnings).toHaveLength(strays);
  });
});

describe('01 Grafana: VTIMEZONE, daily series, an override listed before its master', () => {
  const feed = read(fixture('01'), '2021-01-20T00:00:00Z', '2021-02-01T00:00:00Z');

  it('reads the calendar name and zone', () => {
    expect(feed.name).toBe('t');
    expect(feed.timeZone).toBe('Asia/Yekaterinburg');
  });

  it('expands one 13:00–22:00 (+05) shift a day from the 24th', () => {
    expect(feed.entries).toHaveLength(8);
    expect(iso(feed.entries[0]?.start ?? 0)).toBe('2021-01-24T08:00:00.000Z');
    expect(iso(feed.entries[0]?.end ?? 0)).toBe('2021-01-24T17:00:00.000Z');
    expect(onCallAt(feed, '2021-01-26T10:00:00Z')).toEqual(['Bernard Desruisseaux']);
    expect(onCallAt(feed, '2021-01-26T17:00:00Z')).toEqual([]);
  });

  it('replaces the 27th with the override instead of adding to it', () => {
    const override = entryAt(feed, '2021-01-27T10:00:00Z');
    expect(override).toMatchObject({
      person: 'Bob',
      summary: '@Bob',
      recurrenceId: at('2021-01-27T08:00:00Z'),
    });
    expect(feed.entries.filter((e) => e.recurrenceId === at('2021-01-27T08:00:00Z'))).toHaveLength(1);
  });
});

describe('02 Grafana: all-day events overlapping timed shifts', () => {
  const feed = read(fixture('02'), '2021-01-25T00:00:00Z', '2021-01-30T00:00:00Z');

  it('runs an all-day event from local midnight to local midnight in the feed zone (+05)', () => {
    const alex = feed.entries.find((e) => e.person === 'Alex');
    expect(alex).toMatchObject({
      allDay: true,
      start: at('2021-01-26T19:00:00Z'),
      end: at('2021-01-27T19:00:00Z'),
    });
  });

  it('shows everyone on call at once where they overlap', () => {
    expect(onCallAt(feed, '2021-01-27T10:00:00Z')).toEqual(['Alex', 'Alice', 'Bob']);
    expect(onCallAt(feed, '2021-01-28T10:00:00Z')).toEqual(['Alice', 'Bernard Desruisseaux']);
    expect(onCallAt(feed, '2021-01-28T20:00:00Z')).toEqual([]);
  });
});

describe('03 Grafana export: TZID America/Chicago without VTIMEZONE, 12-hour shifts, DST both ways', () => {
  const fall = read(fixture('03'), '2021-11-01T00:00:00Z', '2021-11-15T00:00:00Z');
  const spring = read(fixture('03'), '2022-03-10T00:00:00Z', '2022-03-17T00:00:00Z');

  it('reads the zone from the IANA name, with no warning', () => {
    expect(fall.warnings).toEqual([]);
    expect(fall.timeZone).toBe('UTC');
  });

  it('hands over at 12:00 Chicago time on both sides of the autumn change', () => {
    expect(onCallAt(fall, '2021-11-06T16:59:00Z')).toEqual(['justin.hunthrop@grafana.com']); // 11:59 CDT
    expect(onCallAt(fall, '2021-11-06T17:00:00Z')).toEqual(['amixr']); // 12:00 CDT
    expect(onCallAt(fall, '2021-11-07T17:59:00Z')).toEqual(['justin.hunthrop@grafana.com']); // 11:59 CST
    expect(onCallAt(fall, '2021-11-07T18:00:00Z')).toEqual(['amixr']); // 12:00 CST
    const night = entryAt(fall, '2021-11-07T10:00:00Z'); // 00:00 CDT to 12:00 CST: 13 hours
    expect(night.end - night.start).toBe(13 * HOUR);
  });

  it('hands over at 12:00 Chicago time on both sides of the spring change', () => {
    expect(onCallAt(spring, '2022-03-12T17:59:00Z')).toEqual(['justin.hunthrop@grafana.com']); // 11:59 CST
    expect(onCallAt(spring, '2022-03-13T17:00:00Z')).toEqual(['amixr']); // 12:00 CDT
    const morning = entryAt(spring, '2022-03-13T12:00:00Z'); // 00:00 CST to 12:00 CDT: 11 hours
    expect(morning.end - morning.start).toBe(11 * HOUR);
  });

  it('leaves no gap and no overlap between the two series across the change', () => {
    const entries = fall.entries;
    expect(entries.length).toBeGreaterThan(20);
    entries.slice(1).forEach((entry, index) => expect(entry.start).toBe(entries[index]?.end));
  });
});

describe('04 Grafana: weekly in Europe/Madrid without VTIMEZONE, floating UNTIL', () => {
  const year = read(fixture('04'), '2022-01-01T00:00:00Z', '2024-01-01T00:00:00Z');

  it('keeps 13:00 Madrid time across the spring change', () => {
    expect(onCallAt(year, '2022-03-23T12:15:00Z')).toEqual(['testing']); // 13:15 CET
    expect(onCallAt(year, '2022-03-30T11:15:00Z')).toEqual(['testing']); // 13:15 CEST
    expect(onCallAt(year, '2022-03-30T12:15:00Z')).toEqual([]);
  });

  it('stops at UNTIL: 43 Wednesdays from 9 March to 28 December 2022', () => {
    expect(year.entries).toHaveLength(43);
    expect(iso(year.entries.at(-1)?.start ?? 0)).toBe('2022-12-28T12:00:00.000Z');
    expect(year.timeZone).toBeNull();
  });
});

describe('05 Grafana: all-day INTERVAL=3 with a date UNTIL and an override that matches nothing', () => {
  const feed = read(fixture('05'), '2023-07-01T00:00:00Z', '2023-09-01T00:00:00Z');

  it('expands one occurrence, from Berlin midnight to Berlin midnight', () => {
    const [series] = feed.entries;
    expect(series).toMatchObject({
      allDay: true,
      start: at('2023-07-16T22:00:00Z'),
      end: at('2023-07-24T22:00:00Z'),
    });
    expect(onCallAt(feed, '2023-08-07T12:00:00Z')).toEqual([]); // the next one would fall after UNTIL
  });

  it('keeps the stray override as a one-off, in its own zone, and says so with its line', () => {
    const stray = feed.entries.find((e) => !e.allDay);
    expect(stray).toMatchObject({
      start: at('2023-07-17T08:00:00Z'), // 10:00 Europe/Warsaw
      end: at('2023-07-24T08:00:00Z'),
      recurrenceId: at('1970-01-01T00:00:00Z'),
      person: 'user',
    });
    expect(feed.warnings).toHaveLength(1);
    expect(feed.warnings[0]).toMatch(
      /^Line 21: .*eventuid@google\.com.*matches no occurrence.*kept as a one-off/,
    );
  });
});

describe('06 Grafana: many one-off shifts, overlaps, CRLF', () => {
  const feed = read(fixture('06'), '2022-08-01T00:00:00Z', '2022-10-01T00:00:00Z');

  it('reads all 26 shifts', () => {
    expect(feed.entries).toHaveLength(26);
    expect(feed.timeZone).toBe('Europe/London');
  });

  it('shows overlapping shifts together', () => {
    expect(onCallAt(feed, '2022-09-09T04:45:00Z')).toEqual(['user1', 'user2']);
    expect(onCallAt(feed, '2022-09-09T12:45:00Z')).toEqual(['wrong', 'wrong']);
  });

  it('runs an all-day event from London midnight (BST)', () => {
    const day = feed.entries.find((e) => e.allDay && e.start < at('2022-09-03T00:00:00Z'));
    expect(day).toMatchObject({
      person: 'user1',
      start: at('2022-09-01T23:00:00Z'),
      end: at('2022-09-02T23:00:00Z'),
    });
  });
});

describe('07 Mozilla (Google Calendar): INTERVAL, UNTIL, EXDATE, overrides, split series, two VTIMEZONEs', () => {
  const feed = read(fixture('07'), '2020-01-01T00:00:00Z', '2023-06-01T00:00:00Z');

  it('reads the name and the zone', () => {
    expect(feed.name).toBe('DOM: LWS Triage Rotation');
    expect(feed.timeZone).toBe('America/Los_Angeles');
  });

  it('applies overrides that swap two people', () => {
    expect(onCallAt(feed, '2022-12-20T12:00:00Z')).toEqual(['hsingh']); // krosylight's turn, overridden
    expect(onCallAt(feed, '2023-03-28T12:00:00Z')).toEqual(['krosylight']); // hsingh's turn, overridden
  });

  it('skips an occurrence named by EXDATE, also the series start itself', () => {
    expect(onCallAt(feed, '2020-09-01T12:00:00Z')).toEqual(['sgiesecke']); // ytausky's first one excluded
    expect(onCallAt(feed, '2021-10-26T12:00:00Z')).toEqual(['jjalkanen']); // echuang's excluded
  });

  it('follows a series split in two by UNTIL and a new UID', () => {
    expect(onCallAt(feed, '2023-03-08T12:00:00Z')).toEqual(['opettay']);
    expect(onCallAt(feed, '2023-03-15T12:00:00Z')).toEqual(['jstutte']);
  });

  it('puts all-day handoffs at Los Angeles midnight on both sides of the March change', () => {
    const turn = entryAt(feed, '2023-03-15T12:00:00Z');
    expect(turn).toMatchObject({ start: at('2023-03-12T08:00:00Z'), end: at('2023-03-26T07:00:00Z') });
  });
});

describe('08 Mozilla (Google Calendar): 22 moved and swapped overrides, EXDATE, folded ATTENDEE', () => {
  const feed = read(fixture('08'), '2020-01-01T00:00:00Z', '2024-01-01T00:00:00Z');

  it('replaces each overridden occurrence, none is left beside its override or unmatched', () => {
    const occurrences = feed.entries.map((e) => `${e.uid} ${e.recurrenceId}`);
    expect(new Set(occurrences).size).toBe(occurrences.length);
    expect(feed.entries.filter((e) => e.recurrenceId !== null && e.recurrenceId !== e.start)).toHaveLength(5); // moved
    expect(feed.warnings).toEqual([]);
  });

  it('swaps two weeks as the overrides say', () => {
    expect(entryAt(feed, '2020-09-05T12:00:00Z')).toMatchObject({
      person: 'Florian Strugariu',
      recurrenceId: at('2020-09-09T00:00:00Z'),
    });
    expect(entryAt(feed, '2020-09-12T12:00:00Z')).toMatchObject({
      person: 'Kimberly Sereduck',
      recurrenceId: at('2020-09-02T00:00:00Z'),
    });
  });

  it('skips the EXDATE of Alexandru Irimovici on 4 November 2021', () => {
    expect(onCallAt(feed, '2021-11-06T12:00:00Z')).toEqual(['Andrej Glavic']);
  });

  it('keeps the folded attendee and prefers the summary name to an e-mail CN', () => {
    expect(entryAt(feed, '2023-01-15T12:00:00Z')).toMatchObject({
      person: 'Alexandru Ionescu',
      attendees: [{ name: null, email: 'aionescu@xxxx.xxx' }],
    });
  });
});

describe('09 Mozilla: all-day weekly INTERVAL=12 with a date UNTIL, no zone in the feed', () => {
  const text = fixture('09');

  it('reads UTC midnights without a default zone', () => {
    const feed = read(text, '2022-11-01T00:00:00Z', '2024-01-01T00:00:00Z');
    expect(feed.entries.map((e) => iso(e.start))).toEqual([
      '2022-12-01T00:00:00.000Z',
      '2023-02-23T00:00:00.000Z',
    ]);
  });

  it('reads midnights in the default zone when one is given', () => {
    const feed = read(text, '2022-11-01T00:00:00Z', '2024-01-01T00:00:00Z', {
      defaultZone: 'Europe/Amsterdam',
    });
    expect(feed.entries.map((e) => iso(e.start))).toEqual([
      '2022-11-30T23:00:00.000Z',
      '2023-02-22T23:00:00.000Z',
    ]);
    expect(feed.timeZone).toBeNull();
  });
});

describe('10 Mozilla: blank lines, properties after the events, Europe/Dublin', () => {
  const feed = read(fixture('10'), '2019-01-01T00:00:00Z', '2019-06-01T00:00:00Z');

  it('reads the four weeks and the calendar properties', () => {
    expect(feed.entries.map((e) => e.person)).toEqual(['A B', 'C D', 'E F', 'A B']);
    expect(feed).toMatchObject({ name: 'team', timeZone: 'Europe/Dublin' });
  });

  it('shows the name inside a tagged summary, and keeps the summary', () => {
    expect(entryAt(feed, '2019-03-10T12:00:00Z')).toMatchObject({
      person: 'A B',
      summary: '[blah blah blah]  A B',
    });
  });
});

describe('11 PagerDuty style: UTC shifts, folded SUMMARY, e-mail ATTENDEE', () => {
  const feed = read(fixture('11'), '2025-07-01T00:00:00Z', '2026-01-01T00:00:00Z');

  it('reads the name from the summary and keeps summary and attendee', () => {
    expect(entryAt(feed, '2025-08-01T00:00:00Z')).toEqual({
      uid: 'week-1@pagerduty.com',
      recurrenceId: null,
      start: at('2025-07-31T15:00:00Z'),
      end: at('2025-08-07T15:00:00Z'),
      allDay: false,
      summary: 'On Call - Jane Doe - On-Call Team',
      attendees: [{ name: null, email: 'jane@example.com' }],
      person: 'Jane Doe',
    });
  });

  it('falls back to the summary when it names nobody in a known pattern', () => {
    expect(entryAt(feed, '2025-10-02T00:00:00Z').person).toBe('On Call - Next Week');
  });
});
