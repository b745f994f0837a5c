// A schedule over a range, as the rotation view shows it (`getScheduleRange`): for a schedule made in Piket the
// final schedule (who is paged, from which layer or override) with its gaps and overlaps and each layer's shifts;
// for a feed its entries, with the gaps between them and where entries of different people overlap. Both also say
// who is on call now, who is next and when my shift is. Ranges are at most 62 days (a month view is six weeks).
import type { RangeEntryView, RangeOverlapView, RangeShiftView, ScheduleRange } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import { finalSchedule } from '../rotation/final';
import type { FeedEntry } from '../rotation/ics';
import { unionOf } from '../rotation/intervals';
import { layerShifts } from '../rotation/layer';
import type { Interval, Member, Schedule, Shift } from '../rotation/model';
import { myNextShift, nextShift, onCallAt } from '../rotation/on-call';
import type { StoredFeed, StoredLocalSchedule, StoredSchedule } from '../store/schedule-store';
import { entryIsFor, type FeedReader } from './feed-reader';

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 62;
/** How far ahead a feed is searched for the next shift and mine. */
const FEED_LOOKAHEAD_MS = MAX_RANGE_DAYS * DAY_MS;

export interface RangeContext {
  now: number;
  /** My names and e-mail addresses. */
  me: readonly string[];
  myZone: string;
  feeds: FeedReader;
}

/** Refuses a range that is empty, reversed or longer than 62 days, in words. */
export function checkViewRange(from: number, to: number): void {
  if (to <= from) throw new ApiFailure('invalid_argument', 'The range must end after it starts.');
  if (to - from > MAX_RANGE_DAYS * DAY_MS) {
    throw new ApiFailure(
      'invalid_argument',
      `Piket shows at most ${MAX_RANGE_DAYS} days of a schedule at a time; ask for a shorter range.`,
    );
  }
}

export function scheduleRange(
  stored: StoredSchedule,
  from: number,
  to: number,
  context: RangeContext,
): ScheduleRange {
  checkViewRange(from, to);
  const head = {
    id: stored.id,
    name: stored.name,
    kind: stored.kind,
    timeZone: stored.timeZone ?? context.myZone,
    myZone: context.myZone,
    from,
    to,
    now: context.now,
  };
  return stored.kind === 'local'
    ? { ...head, ...localRange(stored, from, to, context) }
    : { ...head, ...feedRange(stored, from, to, context) };
}

type RangeBody = Omit<ScheduleRange, 'id' | 'name' | 'kind' | 'timeZone' | 'myZone' | 'from' | 'to' | 'now'>;

function shiftView(shift: Shift, current: boolean): RangeShiftView {
  return {
    person: shift.member.name,
    member: shift.member,
    start: shift.start,
    end: shift.end,
    source: shift.claim.source,
    current,
  };
}

function localRange(stored: StoredLocalSchedule, from: number, to: number, context: RangeContext): RangeBody {
  const schedule: Schedule = stored.schedule;
  const layerNames = new Map(schedule.layers.map((layer) => [layer.id, layer.name]));
  const final = finalSchedule(schedule, from, to);
  const entries = final.entries.map((entry): RangeEntryView => ({
    start: entry.start,
    end: entry.end,
    person: entry.member.name,
    member: entry.member,
    source: entry.source,
    layerId: entry.layerId,
    layerName: entry.layerId === null ? null : (layerNames.get(entry.layerId) ?? null),
    overrideId: entry.source === 'override' ? entry.overrideId : null,
    summary: null,
    attendees: [],
    allDay: false,
  }));
  const overlaps = final.overlaps.map((overlap): RangeOverlapView => ({
    start: overlap.start,
    end: overlap.end,
    kind: overlap.kind,
    layerId: overlap.layerId,
    people: overlap.claims.map((claim) => claim.member.name),
  }));
  const now = onCallAt(schedule, context.now).final;
  const next = nextShift(schedule, context.now);
  const mine = myNextShift(schedule, context.me, context.now);
  return {
    asOf: stored.updatedAt,
    lastError: null,
    entries,
    gaps: final.gaps,
    overlaps,
    layers: schedule.layers.map((layer) => ({
      layerId: layer.id,
      layerName: layer.name,
      shifts: layerShifts(schedule, layer, from, to),
    })),
    onCall:
      now.claim === null
        ? []
        : [shiftView({ member: now.claim.member, start: now.since, end: now.until, claim: now.claim }, true)],
    next: next && shiftView(next, false),
    mine: mine && shiftView(mine, mine.current),
  };
}

/** A feed entry's person as a member: the readable name and, when an attendee has one, an e-mail address. */
function memberOf(entry: FeedEntry): Member {
  const email = entry.attendees.find((attendee) => attendee.email !== null)?.email ?? undefined;
  const name = entry.person || entry.summary;
  return email === undefined ? { name } : { name, email };
}

function feedShift(entry: FeedEntry, now: number): RangeShiftView {
  const member = memberOf(entry);
  return {
    person: member.name,
    member,
    start: entry.start,
    end: entry.end,
    source: 'feed',
    current: entry.start <= now && now < entry.end,
  };
}

const normal = (text: string) => text.trim().toLowerCase();

/** Where entries of two or more different people are on call at once, joined while the same people are. */
function feedOverlaps(entries: readonly RangeEntryView[]): RangeOverlapView[] {
  const bounds = [...new Set(entries.flatMap((entry) => [entry.start, entry.end]))].sort((a, b) => a - b);
  const overlaps: RangeOverlapView[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    const people = [
      ...new Set(entries.filter((e) => e.start < end && start < e.end).map((e) => e.person)),
    ].sort();
    if (new Set(people.map(normal)).size < 2) continue;
    const last = overlaps[overlaps.length - 1];
    if (last && last.end === start && last.people.join('\n') === people.join('\n')) last.end = end;
    else overlaps.push({ start, end, kind: 'entries', layerId: null, people });
  }
  return overlaps;
}

/** The parts of [from, to) that no interval (each within it) covers. */
function gapsIn(covered: readonly Interval[], from: number, to: number): Interval[] {
  const gaps: Interval[] = [];
  let at = from;
  for (const { start, end } of unionOf(covered)) {
    if (start > at) gaps.push({ start: at, end: start });
    at = Math.max(at, end);
  }
  if (at < to) gaps.push({ start: at, end: to });
  return gaps;
}

function feedRange(stored: StoredFeed, from: number, to: number, context: RangeContext): RangeBody {
  const { entries: found, problem } = context.feeds.entriesIn(stored, from, to);
  const entries = found.map((entry): RangeEntryView => ({
    start: Math.max(entry.start, from),
    end: Math.min(entry.end, to),
    person: memberOf(entry).name,
    member: memberOf(entry),
    source: 'feed',
    layerId: null,
    layerName: null,
    overrideId: null,
    summary: entry.summary,
    attendees: entry.attendees,
    allDay: entry.allDay,
  }));
  const { now } = context;
  const ahead = context.feeds.entriesIn(stored, now, now + FEED_LOOKAHEAD_MS).entries;
  const holding = ahead.filter((entry) => entry.start <= now && now < entry.end);
  const holders = new Set(holding.map((entry) => normal(memberOf(entry).name)));
  const next = ahead.find((entry) => entry.start > now && !holders.has(normal(memberOf(entry).name)));
  const me = new Set(context.me.map(normal).filter((name) => name !== ''));
  const mine = me.size === 0 ? undefined : ahead.find((entry) => entryIsFor(entry, me));
  return {
    asOf: stored.fetchedAt,
    lastError: problem ?? stored.lastError,
    entries,
    gaps: gapsIn(entries, from, to),
    overlaps: feedOverlaps(entries),
    layers: [],
    onCall: holding.map((entry) => feedShift(entry, now)),
    next: next ? feedShift(next, now) : null,
    mine: mine ? feedShift(mine, now) : null,
  };
}
