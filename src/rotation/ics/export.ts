// Writes a schedule, or one person's shifts, as an RFC 5545 calendar that Google Calendar, Outlook and Apple
// Calendar accept, imported once or subscribed to. ical.js builds and serializes it; what this module chooses:
// - times in UTC (…Z), so no VTIMEZONE is needed (Outlook rejects a TZID it has no VTIMEZONE for) and every
//   client shows them in its own zone; X-WR-TIMEZONE names the schedule's zone for display;
// - every event has a UID and a DTSTAMP (RFC 5545 requires both; Google refuses events without a UID). The
//   UID is a hash of the caller's stable key, so a calendar exported again, or a subscription refreshed,
//   updates its events instead of adding copies;
// - CRLF line ends and lines of at most 75 octets (folded on UTF-8 character boundaries), as RFC 5545 §3.1
//   requires and Outlook enforces;
// - METHOD:PUBLISH; X-WR-CALNAME, the name Google and Apple give a subscribed calendar; REFRESH-INTERVAL and
//   X-PUBLISHED-TTL of an hour for subscribers that honour them; TRANSP:TRANSPARENT, since being on call
//   does not make anyone busy;
// - the person on call as ATTENDEE with CN and e-mail, when known. RFC 5546 (iTIP) has no attendees in a
//   PUBLISH, but Google's and PagerDuty's published feeds carry them and the three clients show them.
import ICAL from 'ical.js';
import { IcsError } from './errors';
import { ianaOffsets } from './zones';

export interface ExportEvent {
  /** Stable identity of the shift (for example schedule, layer, person and start); the UID is derived from it. */
  uidKey: string;
  /** UTC ms; whole seconds are kept. */
  start: number;
  /** UTC ms, after start. */
  end: number;
  /** Role and layer, e.g. "On call — Primary (Jane Doe)". */
  title: string;
  description?: string;
  attendee?: { name: string | null; email: string | null };
}

export interface ExportOptions {
  /** X-WR-CALNAME; left out when blank. */
  name: string;
  /** IANA zone shown as X-WR-TIMEZONE, or null. */
  timeZone: string | null;
  events: readonly ExportEvent[];
  /** PRODID, e.g. "-//Piket//Piket 0.1//EN". */
  prodId: string;
  /** DTSTAMP of every event (UTC ms): when this calendar was made. */
  now: number;
}

const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/** The UID of an event with this key: its 128-bit FNV-1a hash (UTF-8), e.g. "5f0c…e1@piket". */
export function uidFor(uidKey: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(uidKey)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_128;
  }
  return `${hash.toString(16).padStart(32, '0')}@piket`;
}

/** The calendar as RFC 5545 text; throws an IcsError naming the event when an event cannot be written. */
export function exportCalendar(options: ExportOptions): string {
  checkOptions(options);
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', options.prodId);
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  const name = options.name.trim();
  if (name !== '') calendar.addPropertyWithValue('x-wr-calname', escapedText(name));
  if (options.timeZone !== null) calendar.addPropertyWithValue('x-wr-timezone', options.timeZone);
  const refresh = new ICAL.Property('refresh-interval');
  refresh.resetType('duration');
  refresh.setValue(ICAL.Duration.fromSeconds(3600));
  calendar.addProperty(refresh);
  calendar.addPropertyWithValue('x-published-ttl', 'PT1H');
  const stamp = utcTime(options.now);
  // By start, then key (keys are unique), so the same events give the same text.
  const events = [...options.events].sort((a, b) => a.start - b.start || (a.uidKey < b.uidKey ? -1 : 1));
  for (const event of events) calendar.addSubcomponent(veventOf(event, stamp));
  // ical.js folds a line after 75 octets and indents the rest with a space (76 octets); 74 keeps every
  // physical line within 75.
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return `${calendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}

function veventOf(event: ExportEvent, stamp: ICAL.Time): ICAL.Component {
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', uidFor(event.uidKey));
  vevent.addPropertyWithValue('dtstamp', stamp);
  vevent.addPropertyWithValue('dtstart', utcTime(event.start));
  vevent.addPropertyWithValue('dtend', utcTime(event.end));
  vevent.addPropertyWithValue('summary', event.title);
  if (event.description !== undefined && event.description !== '') {
    vevent.addPropertyWithValue('description', event.description);
  }
  const { name, email } = event.attendee ?? { name: null, email: null };
  if (email !== null && email !== '') {
    const attendee = new ICAL.Property('attendee');
    if (name !== null && name !== '') attendee.setParameter('cn', name);
    attendee.setValue(`mailto:${email}`);
    vevent.addProperty(attendee);
  }
  vevent.addPropertyWithValue('status', 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'TRANSPARENT');
  return vevent;
}

function checkOptions(options: ExportOptions): void {
  if (!Number.isFinite(options.now)) throw new IcsError('The export time ("now") is not an instant.');
  if (options.timeZone !== null && !ianaOffsets(options.timeZone)) {
    throw new IcsError(`"${options.timeZone}" is not a time zone (an IANA name such as Europe/Amsterdam).`);
  }
  const keys = new Set<string>();
  for (const event of options.events) {
    const which = `The event "${event.title}" (key "${event.uidKey}")`;
    if (event.uidKey === '')
      throw new IcsError(`The event "${event.title}" has no key to derive its UID from.`);
    if (keys.has(event.uidKey)) throw new IcsError(`${which} appears twice: every event needs its own key.`);
    keys.add(event.uidKey);
    if (!Number.isFinite(event.start) || !Number.isFinite(event.end)) {
      throw new IcsError(`${which} has a start or end that is not an instant.`);
    }
    if (Math.floor(event.end / 1000) <= Math.floor(event.start / 1000)) {
      throw new IcsError(`${which} does not end after it starts.`);
    }
  }
}

function utcTime(instant: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(instant), true);
}

/** TEXT escaping (RFC 5545 §3.3.11) for the X- properties ical.js writes as they are. */
function escapedText(text: string): string {
  const types = ICAL.design.icalendar.value as Record<string, { toICAL(value: string): string } | undefined>;
  return types.text?.toICAL(text) ?? text;
}
