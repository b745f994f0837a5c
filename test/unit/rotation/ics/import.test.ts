// What the importer makes of the parts of RFC 5545 real feeds use, shown on small feeds written here: DST gaps
// and repeats under the product's one rule, UTC exceptions against a TZID without VTIMEZONE, COUNT and BYDAY,
// overrides (only their own series', cancelled, repeated, THISANDFUTURE, without a series), zones the feed
// does not define, who an event names, the range, and clear messages for files that are broken or no calendar.
import { describe, expect, it } from 'vitest';
import { IcsError, parseFeed } from '../../../../src/rotation/ics';
import { at, iso, onCallAt, read } from './helpers';

const HOUR = 3_600_000;
const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function calendar(parts: string[][], head: string[] = []): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...head,
    ...parts.flat(),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function event(...lines: string[]): string[] {
  return ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
}

function thrown(action: () => unknown): IcsError {
  try {
    action();
  } catch (error) {
    if (error instanceof IcsError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe.each([
  ['a VTIMEZONE in the feed', [AMSTERDAM_VTIMEZONE]],
  ['the IANA zone, no VTIMEZONE', []],
])('DST in Europe/Amsterdam, zone from %s', (_how, zones) => {
  const feed = read(
    calendar([
      ...zones,
      event(
        'UID:spring',
        'DTSTART;TZID=Europe/Amsterdam:20260328T023000',
        'DTEND;TZID=Europe/Amsterdam:20260328T040000',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Spring',
      ),
      event(
        'UID:autumn',
        'DTSTART;TZID=Europe/Amsterdam:20261024T023000',
        'DTEND;TZID=Europe/Amsterdam:20261024T033000',
        'RRULE:FREQ=DAILY;UNTIL=20261026T000000Z',
        'EXDATE:20261024T003000Z',
        'SUMMARY:Autumn',
      ),
    ]),
    '2026-03-01T00:00:00Z',
    '2026-12-01T00:00:00Z',
  );

  it('moves a start in the skipped hour forward by the gap: 02:30 is 03:30 CEST', () => {
    const starts = feed.entries.filter((e) => e.uid === 'spring').map((e) => iso(e.start));
    expect(starts).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('reads a repeated wall-clock time as its first occurrence: 02:30 is 02:30 CEST', () => {
    const autumn = feed.entries.filter((e) => e.uid === 'autumn');
    expect(autumn.map((e) => iso(e.start))).toEqual(['2026-10-25T00:30:00.000Z']);
    expect((autumn[0]?.end ?? 0) - (autumn[0]?.start ?? 0)).toBe(2 * HOUR); // to 03:30 CET
  });

  it('applies an EXDATE given in UTC to a time in the zone', () => {
    expect(onCallAt(feed, '2026-10-24T00:45:00Z')).toEqual([]); // 02:45 CEST on the 24th, excluded
    expect(onCallAt(feed, '2026-10-25T00:45:00Z')).toEqual(['Autumn']); // 02:45 CEST on the 25th
  });
});

describe('recurrence rules', () => {
  it('follows COUNT with several BYDAY days', () => {
    const feed = read(
      calendar([
        event(
          'UID:mwf',
          'DTSTART:20260601T080000Z',
          'DTEND:20260601T160000Z',
          'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5',
          'SUMMARY:Ann',
        ),
      ]),
      '2026-05-01T00:00:00Z',
      '2026-08-01T00:00:00Z',
    );
    expect(feed.entries.map((e) => iso(e.start).slice(0, 10))).toEqual([
      '2026-06-01',
      '2026-06-03',
      '2026-06-05',
      '2026-06-08',
      '2026-06-10',
    ]);
  });

  it('returns what overlaps the range: a shift begun before it, none that starts at its end', () => {
    const text = calendar([
      event(
        'UID:d',
        'DTSTART:20260601T220000Z',
        'DTEND:20260602T060000Z',
        'RRULE:FREQ=DAILY',
        'SUMMARY:Night',
      ),
    ]);
    const feed = read(text, '2026-06-03T00:00:00Z', '2026-06-04T22:00:00Z');
    expect(feed.entries.map((e) => iso(e.start))).toEqual([
      '2026-06-02T22:00:00.000Z',
      '2026-06-03T22:00:00.000Z',
    ]);
  });
});

describe('overrides', () => {
  const series = (uid: string, summary: string): string[] =>
    event(
      `UID:${uid}`,
      'DTSTART:20260601T090000Z',
      'DTEND:20260601T100000Z',
      'RRULE:FREQ=DAILY;COUNT=3',
      `SUMMARY:${summary}`,
    );
  const range = ['2026-05-01T00:00:00Z', '2026-07-01T00:00:00Z'] as const;

  it("changes only its own series, not another series' occurrence at the same time", () => {
    const feed = read(
      calendar([
        series('a', 'Ann'),
        series('b', 'Bea'),
        event(
          'UID:b',
          'RECURRENCE-ID:20260602T090000Z',
          'DTSTART:20260602T120000Z',
          'DTEND:20260602T130000Z',
          'SUMMARY:Cy',
        ),
      ]),
      ...range,
    );
    expect(onCallAt(feed, '2026-06-02T09:30:00Z')).toEqual(['Ann']);
    expect(onCallAt(feed, '2026-06-02T12:30:00Z')).toEqual(['Cy']);
    expect(feed.entries).toHaveLength(6);
  });

  it('removes an occurrence when cancelled, and a cancelled series altogether', () => {
    const feed = read(
      calendar([
        series('a', 'Ann'),
        event(
          'UID:a',
          'RECURRENCE-ID:20260602T090000Z',
          'DTSTART:20260602T090000Z',
          'DTEND:20260602T100000Z',
          'STATUS:CANCELLED',
          'SUMMARY:Ann',
        ),
        [...series('b', 'Bea').slice(0, -1), 'STATUS:CANCELLED', 'END:VEVENT'],
      ]),
      ...range,
    );
    expect(feed.entries.map((e) => `${e.person} ${iso(e.start).slice(0, 10)}`)).toEqual([
      'Ann 2026-06-01',
      'Ann 2026-06-03',
    ]);
  });

  it('takes the higher SEQUENCE when one occurrence is overridden twice', () => {
    const override = (sequence: number, summary: string): string[] =>
      event(
        'UID:a',
        'RECURRENCE-ID:20260602T090000Z',
        `SEQUENCE:${sequence}`,
        'DTSTART:20260602T090000Z',
        'DTEND:20260602T100000Z',
        `SUMMARY:${summary}`,
      );
    const feed = read(calendar([override(2, 'Newer'), series('a', 'Ann'), override(1, 'Older')]), ...range);
    expect(onCallAt(feed, '2026-06-02T09:30:00Z')).toEqual(['Newer']);
  });

  it('moves this and the following occurrences with RANGE=THISANDFUTURE', () => {
    const feed = read(
      calendar([
        series('a', 'Ann'),
        event(
          'UID:a',
          'RECURRENCE-ID;RANGE=THISANDFUTURE:20260602T090000Z',
          'DTSTART:20260602T110000Z',
          'DTEND:20260602T120000Z',
          'SUMMARY:Bob',
        ),
      ]),
      ...range,
    );
    expect(feed.entries.map((e) => `${e.person} ${iso(e.start)}`)).toEqual([
      'Ann 2026-06-01T09:00:00.000Z',
      'Bob 2026-06-02T11:00:00.000Z',
      'Bob 2026-06-03T11:00:00.000Z',
    ]);
  });

  it('keeps an override whose series is not in the feed, and says so', () => {
    const feed = read(
      calendar([
        event(
          'UID:gone',
          'RECURRENCE-ID:20260602T090000Z',
          'DTSTART:20260602T120000Z',
          'DTEND:20260602T130000Z',
          'SUMMARY:Cy',
        ),
      ]),
      ...range,
    );
    expect(feed.entries).toMatchObject([
      { uid: 'gone', person: 'Cy', recurrenceId: at('2026-06-02T09:00:00Z') },
    ]);
    expect(feed.warnings).toEqual([
      'Line 4: the feed changes an occurrence of series "gone" but does not hold the series; kept as it is.',
    ]);
  });
});

describe('zones the feed does not define', () => {
  it('reads an unknown TZID in the feed zone, with a warning', () => {
    const feed = read(
      calendar(
        [
          event(
            'UID:w',
            'DTSTART;TZID=W. Europe Standard Time:20260601T090000',
            'DTEND;TZID=W. Europe Standard Time:20260601T100000',
            'SUMMARY:Ann',
          ),
        ],
        ['X-WR-TIMEZONE:Europe/Amsterdam'],
      ),
      '2026-05-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
    );
    expect(feed.entries.map((e) => iso(e.start))).toEqual(['2026-06-01T07:00:00.000Z']);
    expect(feed.warnings).toEqual([
      'The time zone "W. Europe Standard Time" is neither defined in the feed nor known; its times are read in the feed\'s zone.',
    ]);
  });

  it('reads floating times in the default zone when X-WR-TIMEZONE is unknown, with a warning', () => {
    const feed = read(
      calendar(
        [event('UID:f', 'DTSTART:20260601T090000', 'DTEND:20260601T100000', 'SUMMARY:Ann')],
        ['X-WR-TIMEZONE:Mars/Olympus'],
      ),
      '2026-05-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
      { defaultZone: 'America/New_York' },
    );
    expect(feed.entries.map((e) => iso(e.start))).toEqual(['2026-06-01T13:00:00.000Z']);
    expect(feed.timeZone).toBe('Mars/Olympus');
    expect(feed.warnings).toEqual([
      'The feed\'s time zone "Mars/Olympus" is unknown; its floating times and all-day events are read in America/New_York.',
    ]);
  });
});

describe('who an event names', () => {
  const person = (summary: string, ...attendees: string[]): string => {
    const feed = read(
      calendar([
        event(
          'UID:p',
          'DTSTART:20260601T090000Z',
          'DTEND:20260601T100000Z',
          `SUMMARY:${summary}`,
          ...attendees,
        ),
      ]),
      '2026-05-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
    );
    return feed.entries[0]?.person ?? '';
  };

  it("takes the attendee whose name the summary contains (Piket's own titles)", () => {
    expect(person('On call — Primary (Jane Doe)', 'ATTENDEE;CN=Jane Doe:mailto:jane@example.com')).toBe(
      'Jane Doe',
    );
  });

  it('prefers an attendee name to a summary that is only an e-mail address', () => {
    expect(person('jane@example.com', 'ATTENDEE;CN="Doe, Jane":mailto:jane@example.com')).toBe('Doe, Jane');
  });

  it('drops Grafana level tags and the @ of a username', () => {
    expect(person('[L1] @bob')).toBe('bob');
  });

  it('falls back to the attendee e-mail when the summary is empty', () => {
    expect(person('', 'ATTENDEE:mailto:jane@example.com')).toBe('jane@example.com');
  });
});

describe('broken events and files', () => {
  it('leaves out an event it cannot read, names its line, and reads the rest', () => {
    const feed = read(
      calendar([
        event('UID:bad', 'DTSTART:2026-13-45', 'SUMMARY:Broken'),
        event('UID:good', 'DTSTART:20260601T090000Z', 'DTEND:20260601T100000Z', 'SUMMARY:Ann'),
      ]),
      '2026-05-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
    );
    expect(feed.entries.map((e) => e.uid)).toEqual(['good']);
    expect(feed.warnings).toHaveLength(1);
    expect(feed.warnings[0]).toMatch(/^Line 4: an event cannot be read \(.*\); left out\.$/);
  });

  it.each([
    ['an empty file', '', /^The file is empty/, null],
    ['a web page', '<!DOCTYPE html>\n<html><body>Sign in</body></html>\n', /web page \(HTML\).*login/, null],
    ['JSON', '{"error":"not found"}', /^This is JSON, not an iCalendar feed/, null],
    [
      'a vCard',
      'BEGIN:VCARD\r\nFN:Jane\r\nEND:VCARD\r\n',
      /begins with "BEGIN:VCARD" instead of BEGIN:VCALENDAR/,
      null,
    ],
    [
      'a file cut off mid-way',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260601T090000Z\r\n',
      /ends inside BEGIN:VEVENT from line 2: it is cut off or incomplete/,
      null,
    ],
    [
      'an END that closes the wrong component',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n',
      /^Line 4: END:VTODO closes BEGIN:VEVENT from line 2\.$/,
      4,
    ],
    [
      'a line that is no property',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nthis is not a property\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      /^Line 4: "this is not a property" is not a property line \(NAME:value\)\.$/,
      4,
    ],
    [
      'an END that closes nothing',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n',
      /^Line 3: END:VEVENT closes nothing that was begun\.$/,
      3,
    ],
    [
      'text after the calendar',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\ntrailing words\r\n',
      /^Line 3: "trailing words" stands outside BEGIN:VCALENDAR … END:VCALENDAR\.$/,
      3,
    ],
  ])('rejects %s with a clear message', (_what, text, message, line) => {
    const error = thrown(() => read(text, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
    expect(error.message).not.toMatch(/\n|\bat \w+ \(|TypeError|undefined/);
  });

  it('ignores a VTIMEZONE without a TZID, with a warning', () => {
    const nameless = AMSTERDAM_VTIMEZONE.filter((line) => !line.startsWith('TZID:'));
    const feed = read(
      calendar([
        nameless,
        AMSTERDAM_VTIMEZONE,
        event('UID:n', 'DTSTART;TZID=Europe/Amsterdam:20260601T090000', 'SUMMARY:Ann'),
      ]),
      '2026-05-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
    );
    expect(feed.entries.map((e) => iso(e.start))).toEqual(['2026-06-01T07:00:00.000Z']);
    expect(feed.warnings).toEqual(['A VTIMEZONE without a TZID is ignored.']);
  });

  it('turns a failure inside ical.js into an IcsError in words', () => {
    const broken = [
      'BEGIN:VTIMEZONE',
      'TZID:Foo',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
    ];
    const text = calendar(
      [
        [...broken, 'DTSTART:not-a-time', 'END:STANDARD', 'END:VTIMEZONE'],
        event('UID:b', 'DTSTART;TZID=Bar:20260601T090000'),
      ],
      ['X-WR-TIMEZONE:Foo'],
    );
    const error = thrown(() => read(text, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    expect(error.message).toMatch(/^The feed cannot be read as iCalendar \(invalid date-time value: .*\)\.$/);
  });

  it('counts lines across folded lines', () => {
    const text =
      'BEGIN:VCALENDAR\r\nX-WR-CALNAME:a long\r\n  name\r\nBEGIN:VEVENT\r\nnonsense\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(thrown(() => read(text, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).line).toBe(5);
  });

  it('rejects an empty range and an unknown default zone', () => {
    const text = calendar([]);
    expect(thrown(() => parseFeed(text, { from: 10, to: 10 })).message).toMatch(/range to read is empty/);
    expect(thrown(() => parseFeed(text, { from: 0, to: 10, defaultZone: 'Mars/Olympus' })).message).toBe(
      '"Mars/Olympus" is not a time zone (an IANA name such as Europe/Amsterdam).',
    );
  });
});
