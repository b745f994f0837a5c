// Shared by the iCalendar tests: fixture files (copies in test/fixtures/ics, so a fresh clone has them) and
// questions about parsed feeds.
import { readFileSync, readdirSync } from 'node:fs';
import { type FeedEntry, type ParseOptions, type ParsedFeed, parseFeed } from '../../../../src/rotation/ics';

const FIXTURES = new URL('../../../fixtures/ics/', import.meta.url);

export const fixtureNames = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.ics'))
  .sort();

/** The text of the fixture whose name starts with `prefix` ("07"). */
export function fixture(prefix: string): string {
  const name = fixtureNames.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no fixture ${prefix}`);
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export const at = (iso: string): number => {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new Error(`not an instant: ${iso}`);
  return instant;
};

/** Parses a text over [from, to) given as ISO strings. */
export function read(text: string, from: string, to: string, extra: Partial<ParseOptions> = {}): ParsedFeed {
  return parseFeed(text, { from: at(from), to: at(to), ...extra });
}

/** Who is on call at an instant: the people of the entries covering it, sorted. */
export function onCallAt(feed: ParsedFeed, iso: string): string[] {
  const instant = at(iso);
  return feed.entries
    .filter((e) => e.start <= instant && instant < e.end)
    .map((e) => e.person)
    .sort();
}

/** The entry covering an instant (exactly one expected). */
export function entryAt(feed: ParsedFeed, iso: string): FeedEntry {
  const instant = at(iso);
  const covering = feed.entries.filter((e) => e.start <= instant && instant < e.end);
  if (covering.length !== 1) throw new Error(`${covering.length} entries cover ${iso}`);
  return covering[0] as FeedEntry;
}

export const iso = (instant: number): string => new Date(instant).toISOString();

/** The UIDs of the VEVENTs in a text, read line by line (not through the code under test). */
export function eventUids(text: string): Set<string> {
  const uids = new Set<string>();
  const open: string[] = [];
  for (const line of text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')) {
    const [name = '', ...rest] = line.split(':');
    const value = rest.join(':');
    if (name === 'BEGIN') open.push(value);
    else if (name === 'END') open.pop();
    else if (name === 'UID' && open[open.length - 1] === 'VEVENT') uids.add(value);
  }
  return uids;
}
