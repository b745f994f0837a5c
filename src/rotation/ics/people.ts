// Who an on-call event names. Feeds put the person in different places: PagerDuty writes "On Call - Jane Doe -
// Schedule" in the summary and the e-mail address in ATTENDEE, Google Calendar rotations and Grafana OnCall
// put the name (or a username, "@Bob", "[L1] Bob") in the summary only. An entry keeps the summary and every
// attendee, and shows the most readable of them.
import type ICAL from 'ical.js';

export interface Attendee {
  /** The attendee's CN, when it says more than the e-mail address. */
  name: string | null;
  email: string | null;
}

const PAGERDUTY_SUMMARY = /^\s*on[ -]?call\s*[-–—:]\s*(.+?)\s+[-–—]\s+\S.*$/i;
/** Piket's own export: "On call — Primary (Jane Doe)". */
const PIKET_SUMMARY = /^\s*on call\s+—\s+.+\s+\((.+)\)\s*$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The attendees of an event (ATTENDEE properties), in file order. */
export function attendeesOf(event: ICAL.Component): Attendee[] {
  return event.getAllProperties('attendee').map((property) => {
    const value = String(property.getFirstValue() ?? '').trim();
    const address = value.replace(/^mailto:/i, '').trim();
    const email = EMAIL.test(address) ? address : null;
    const cn = property.getParameter('cn');
    const name = (Array.isArray(cn) ? cn.join(', ') : (cn ?? '')).trim();
    return { name: name === '' || name.toLowerCase() === email?.toLowerCase() ? null : name, email };
  });
}

/**
 * The most readable name for the person an event puts on call, in this order: the name in a PagerDuty
 * summary or in Piket's own ("On call — Primary (Jane Doe)"); an attendee's name the summary contains (so "On call — Primary (Jane Doe)" with attendee Jane Doe
 * gives "Jane Doe"); the summary without "@" and leading "[…]" tags, unless it is only an e-mail address; an
 * attendee's name; an e-mail address. Empty when the event names nobody.
 */
export function personOf(summary: string, attendees: readonly Attendee[]): string {
  const pagerDuty = PAGERDUTY_SUMMARY.exec(summary)?.[1]?.trim();
  if (pagerDuty) return pagerDuty;
  const piket = PIKET_SUMMARY.exec(summary)?.[1]?.trim();
  if (piket) return piket;
  const names = attendees.flatMap((a) => (a.name === null || EMAIL.test(a.name) ? [] : [a.name]));
  const lower = summary.toLowerCase();
  const named = names.find((name) => lower.includes(name.toLowerCase()));
  if (named) return named;
  const cleaned = summary
    .replace(/^\s*(\[[^\]]*\]\s*)+/, '')
    .replace(/^@/, '')
    .trim();
  if (cleaned !== '' && !EMAIL.test(cleaned)) return cleaned;
  const [name] = names;
  if (name) return name;
  if (cleaned !== '') return cleaned;
  return attendees.find((a) => a.email !== null)?.email ?? '';
}
