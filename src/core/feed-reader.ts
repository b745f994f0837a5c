// Reads stored iCalendar feeds into on-call entries at query time (src/rotation/ics parseFeed), the way a calendar
// does: floating times and all-day events of a feed that names no zone are read in my zone. Parsing a large feed
// takes a few hundred milliseconds, so "who is on call at T" parses the 30-day bucket around T once and keeps it,
// per feed text, until the feed is refreshed or removed; a range (the rotation view) reads the buckets it spans. A stored text this version cannot read (it was read when
// stored, so only a change of the reader can cause it) gives no entries and says why, and never breaks alerts.
import { type FeedEntry, IcsError, type ParsedFeed, parseFeed } from '../rotation/ics';
import type { StoredFeed } from '../store/schedule-store';

const DAY_MS = 86_400_000;
const BUCKET_MS = 30 * DAY_MS;
/** Parsed buckets kept, across feeds; the oldest goes first. */
const MAX_KEPT = 32;

/** Whether a feed entry is about one of `names` (its person, an attendee's name or e-mail), ignoring case. */
export function entryIsFor(entry: FeedEntry, names: ReadonlySet<string>): boolean {
  const known = (text: string | null) => text !== null && names.has(text.trim().toLowerCase());
  return known(entry.person) || entry.attendees.some((a) => known(a.name) || known(a.email));
}

interface Kept {
  parsed: ParsedFeed;
  problem: string | null;
}

export class FeedReader {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly myZone: () => string) {}

  /** The feed over [from, to), read fresh. Throws an IcsError when the text is no calendar. */
  read(text: string, from: number, to: number): ParsedFeed {
    return parseFeed(text, { from, to, defaultZone: this.myZone() });
  }

  /** The entries of a stored feed that cover the instant `at`, or why its stored text cannot be read. */
  entriesAt(feed: StoredFeed, at: number): { entries: FeedEntry[]; problem: string | null } {
    const kept = this.bucket(feed, at);
    return {
      entries: kept.parsed.entries.filter((entry) => entry.start <= at && at < entry.end),
      problem: kept.problem,
    };
  }

  /** The entries of a stored feed that overlap [from, to), by start, read from the kept buckets. */
  entriesIn(feed: StoredFeed, from: number, to: number): { entries: FeedEntry[]; problem: string | null } {
    const seen = new Set<string>();
    const entries: FeedEntry[] = [];
    let problem: string | null = null;
    for (let at = Math.floor(from / BUCKET_MS) * BUCKET_MS; at < to; at += BUCKET_MS) {
      const kept = this.bucket(feed, at);
      problem ??= kept.problem;
      for (const entry of kept.parsed.entries) {
        // An entry across a bucket's edge is in both buckets.
        const key = `${entry.uid}\n${entry.recurrenceId}\n${entry.start}\n${entry.end}`;
        if (entry.start >= to || entry.end <= from || seen.has(key)) continue;
        seen.add(key);
        entries.push(entry);
      }
    }
    return { entries: entries.sort((a, b) => a.start - b.start || a.end - b.end), problem };
  }

  /** The parsed 30-day bucket of a stored feed that holds `at`, parsed once. */
  private bucket(feed: StoredFeed, at: number): Kept {
    const from = Math.floor(at / BUCKET_MS) * BUCKET_MS;
    const key = `${feed.id}\n${feed.fetchedAt}\n${this.myZone()}\n${from}`;
    let kept = this.kept.get(key);
    if (kept === undefined) {
      kept = this.readStored(feed.text, from, from + BUCKET_MS);
      this.kept.set(key, kept);
      if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
    return kept;
  }

  private readStored(text: string, from: number, to: number): Kept {
    try {
      return { parsed: this.read(text, from, to), problem: null };
    } catch (error) {
      if (!(error instanceof IcsError)) throw error;
      const parsed = { name: null, timeZone: null, entries: [], warnings: [] };
      return { parsed, problem: `The stored feed cannot be read: ${error.message}` };
    }
  }

  /** Drops what was kept of a feed (refreshed or removed). */
  forget(id: string): void {
    for (const key of [...this.kept.keys()]) if (key.startsWith(`${id}\n`)) this.kept.delete(key);
  }
}
