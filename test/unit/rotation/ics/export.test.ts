// The exported calendar: RFC 5545 structure that Google, Outlook and Apple accept (CRLF, lines of at most 75
// octets, balanced components, the required properties, UTC times so no VTIMEZONE is needed), UIDs that stay
// the same from one export to the next, and a round trip through the importer that gives the same entries.
import { describe, expect, it } from 'vitest';
import { type ExportEvent, IcsError, exportCalendar, parseFeed, uidFor } from '../../../../src/rotation/ics';
import { at } from './helpers';

const HOUR = 3_600_000;
const NOW = at('2026-03-20T12:00:00Z');

/** A weekly primary rotation with a 09:00 Amsterdam handoff across the March change, and a night layer. */
const EVENTS: ExportEvent[] = [
  {
    uidKey: 'support:primary:jane:2026-03-23',
    start: at('2026-03-23T08:00:00Z'), // 09:00 CET
    end: at('2026-03-30T07:00:00Z'), // 09:00 CEST
    title: 'On call — Primary (Jane Doe)',
    description: 'Schedule Support, layer Primary.\nHandoff at 09:00 Europe/Amsterdam.',
    attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  },
  {
    uidKey: 'support:primary:jörg:2026-03-30',
    start: at('2026-03-30T07:00:00Z'),
    end: at('2026-04-06T07:00:00Z'),
    title:
      'On call — Primary (Jörg Müller-Lüdenscheidt, tweede lijn; nachtdienst) 🚨 with a title long enough to fold',
    description: `Runbook: ${'https://wiki.example.com/support/runbooks/primary-on-call/'.repeat(4)}`,
    attendee: { name: 'Jörg Müller-Lüdenscheidt, tweede lijn; nachtdienst', email: 'jorg@example.com' },
  },
  {
    uidKey: 'support:night:sam:2026-03-28',
    start: at('2026-03-28T17:00:00Z'),
    end: at('2026-03-29T06:00:00Z'),
    title: 'On call — Night (Sam)',
  },
];

function exported(events = EVENTS, now = NOW): string {
  return exportCalendar({
    name: 'Support, EMEA; nights',
    timeZone: 'Europe/Amsterdam',
    events,
    prodId: '-//Piket//Piket 0.1//EN',
    now,
  });
}

/** The unfolded content lines of a text, checking the line ends on the way. */
function unfolded(text: string): string[] {
  return text
    .slice(0, -2)
    .split('\r\n')
    .reduce<string[]>((lines, line) => {
      if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
      else lines.push(line);
      return lines;
    }, []);
}

describe('the exported text', () => {
  const text = exported();
  const physical = text.slice(0, -2).split('\r\n');
  const lines = unfolded(text);

  it('ends every line with CRLF and has no other line breaks', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps every line within 75 octets, folding on character boundaries', () => {
    expect(physical.some((line) => line.startsWith(' '))).toBe(true); // the long title was folded
    for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('balances BEGIN and END', () => {
    const open: string[] = [];
    for (const line of lines) {
      if (line.startsWith('BEGIN:')) open.push(line.slice(6));
      if (line.startsWith('END:')) expect(open.pop()).toBe(line.slice(4));
    }
    expect(open).toEqual([]);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
  });

  it('carries the calendar properties clients need', () => {
    const header = lines.slice(0, lines.indexOf('BEGIN:VEVENT'));
    expect(header).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'PRODID:-//Piket//Piket 0.1//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Support\\, EMEA\\; nights',
        'X-WR-TIMEZONE:Europe/Amsterdam',
        'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
        'X-PUBLISHED-TTL:PT1H',
      ]),
    );
  });

  it('gives every event UID, DTSTAMP, DTSTART and DTEND, in UTC, and names no TZID', () => {
    const events = text
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((part) => unfolded(part.slice(2)));
    for (const event of events) {
      const names = event.map((line) => line.split(/[;:]/)[0]);
      expect(names).toEqual(expect.arrayContaining(['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']));
      for (const line of event.filter((l) => /^(DTSTAMP|DTSTART|DTEND):/.test(l))) {
        expect(line).toMatch(/^[A-Z]+:\d{8}T\d{6}Z$/);
      }
    }
    expect(lines).toContain('DTSTAMP:20260320T120000Z');
    expect(text).not.toMatch(/TZID/);
  });

  it('writes the attendee with CN and e-mail, quoting a CN with commas', () => {
    expect(lines).toContain('ATTENDEE;CN=Jane Doe:mailto:jane@example.com');
    expect(lines).toContain(
      'ATTENDEE;CN="Jörg Müller-Lüdenscheidt, tweede lijn; nachtdienst":mailto:jorg@example.com',
    );
  });
});

describe('UIDs', () => {
  it('derive from the key alone, so a later export updates the same events', () => {
    const uids = (text: string): string[] => unfolded(text).filter((l) => l.startsWith('UID:'));
    const first = exported(EVENTS, NOW);
    const later = exported([...EVENTS].reverse(), NOW + 24 * HOUR);
    expect(uids(later)).toEqual(uids(first));
    expect(uids(first)).toContain(`UID:${uidFor('support:primary:jane:2026-03-23')}`);
    expect(first.replace(/DTSTAMP:\S+/g, '')).toBe(later.replace(/DTSTAMP:\S+/g, ''));
  });

  it('differ between keys and look like an e-mail style identifier', () => {
    const uids = EVENTS.map((e) => uidFor(e.uidKey));
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid).toMatch(/^[0-9a-f]{32}@piket$/);
    expect(uidFor('a')).not.toBe(uidFor('b'));
  });
});

describe('round trip through the importer', () => {
  const feed = parseFeed(exported(), { from: at('2026-03-01T00:00:00Z'), to: at('2026-05-01T00:00:00Z') });

  it('gives back the same events: start, end, person, UID', () => {
    expect(feed.warnings).toEqual([]);
    expect(
      feed.entries.map(({ uid, start, end, person, allDay }) => ({ uid, start, end, person, allDay })),
    ).toEqual([
      {
        uid: uidFor(EVENTS[0]!.uidKey),
        start: EVENTS[0]!.start,
        end: EVENTS[0]!.end,
        person: 'Jane Doe',
        allDay: false,
      },
      {
        uid: uidFor(EVENTS[2]!.uidKey),
        start: EVENTS[2]!.start,
        end: EVENTS[2]!.end,
        // No attendee: the name comes from Piket's own title.
        person: 'Sam',
        allDay: false,
      },
      {
        uid: uidFor(EVENTS[1]!.uidKey),
        start: EVENTS[1]!.start,
        end: EVENTS[1]!.end,
        person: 'Jörg Müller-Lüdenscheidt, tweede lijn; nachtdienst',
        allDay: false,
      },
    ]);
  });

  it('keeps the title, the attendees and the calendar properties', () => {
    expect(feed.entries[2]).toMatchObject({
      summary: EVENTS[1]!.title,
      attendees: [{ name: 'Jörg Müller-Lüdenscheidt, tweede lijn; nachtdienst', email: 'jorg@example.com' }],
    });
    expect(feed).toMatchObject({ name: 'Support, EMEA; nights', timeZone: 'Europe/Amsterdam' });
  });
});

describe('events that cannot be written', () => {
  const error = (events: ExportEvent[], timeZone: string | null = null): string => {
    try {
      exportCalendar({ name: 'x', timeZone, events, prodId: '-//t//EN', now: NOW });
    } catch (e) {
      if (e instanceof IcsError) return e.message;
      throw e;
    }
    throw new Error('nothing was thrown');
  };
  const base = EVENTS[2]!;

  it('names the event and what is wrong', () => {
    expect(error([base, { ...base }])).toBe(
      'The event "On call — Night (Sam)" (key "support:night:sam:2026-03-28") appears twice: every event needs its own key.',
    );
    expect(error([{ ...base, end: base.start }])).toBe(
      'The event "On call — Night (Sam)" (key "support:night:sam:2026-03-28") does not end after it starts.',
    );
    expect(error([{ ...base, uidKey: '' }])).toBe(
      'The event "On call — Night (Sam)" has no key to derive its UID from.',
    );
    expect(error([base], 'Mars/Olympus')).toBe(
      '"Mars/Olympus" is not a time zone (an IANA name such as Europe/Amsterdam).',
    );
  });
});
