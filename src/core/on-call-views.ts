// Who is on call at an instant, as the API shows it: per schedule made in Piket the final schedule and each layer
// (member, since, until), per feed the entries covering the instant (person, summary, attendees), every time also
// on the schedule's wall clock and on mine. Also the quick questions: who is on call (names), and am I.
import type { InstantView, OnCallSlotView, ScheduleOnCall } from '../api/contract';
import { finalSchedule } from '../rotation/final';
import type { FeedEntry } from '../rotation/ics';
import { formatLocal } from '../rotation/local-time';
import type { Member, OnCall } from '../rotation/model';
import { isMe, onCallAt } from '../rotation/on-call';
import type { StoredFeed, StoredLocalSchedule, StoredSchedule } from '../store/schedule-store';
import type { FeedReader } from './feed-reader';
import { entryIsFor } from './feed-reader';

/** Zones in which times are shown: the schedule's (`zone`) and mine. */
interface Zones {
  zone: string;
  myZone: string;
}

function wallClock(at: number, zone: string): string {
  const { local, offset } = formatLocal(at, zone);
  return `${local}${offset}`;
}

function instantView(at: number, { zone, myZone }: Zones): InstantView {
  return { at, local: wallClock(at, zone), mine: wallClock(at, myZone) };
}

/** The zone a schedule's times are shown in: its own, else (a feed that names none) mine. */
function shownZone(stored: StoredSchedule, myZone: string): string {
  return stored.timeZone ?? myZone;
}

function slotView(onCall: OnCall, zones: Zones): OnCallSlotView {
  return {
    member: onCall.member,
    source: onCall.claim?.source ?? null,
    since: onCall.since === null ? null : instantView(onCall.since, zones),
    until: onCall.until === null ? null : instantView(onCall.until, zones),
  };
}

function feedEntryView(entry: FeedEntry, zones: Zones) {
  return {
    uid: entry.uid,
    person: entry.person,
    summary: entry.summary,
    attendees: entry.attendees,
    allDay: entry.allDay,
    start: instantView(entry.start, zones),
    end: instantView(entry.end, zones),
  };
}

/** Who is on call in one schedule at `at`. */
export function scheduleOnCall(
  stored: StoredSchedule,
  at: number,
  myZone: string,
  feeds: FeedReader,
): ScheduleOnCall {
  const zones = { zone: shownZone(stored, myZone), myZone };
  const head = { id: stored.id, name: stored.name, kind: stored.kind, timeZone: zones.zone };
  if (stored.kind === 'feed') {
    const { entries, problem } = feeds.entriesAt(stored, at);
    return {
      ...head,
      asOf: stored.fetchedAt,
      lastError: problem ?? stored.lastError,
      final: null,
      layers: [],
      entries: entries.map((entry) => feedEntryView(entry, zones)),
    };
  }
  const onCall = onCallAt(stored.schedule, at);
  return {
    ...head,
    asOf: stored.updatedAt,
    lastError: null,
    final: slotView(onCall.final, zones),
    layers: onCall.layers.map(({ layerId, layerName, ...slot }) => ({
      layerId,
      layerName,
      ...slotView(slot, zones),
    })),
    entries: [],
  };
}

/** The member who gets paged at `at` in a schedule made in Piket; null in a gap. */
function finalMemberAt(stored: StoredLocalSchedule, at: number): Member | null {
  const [entry] = finalSchedule(stored.schedule, at, at + 1).entries;
  return entry?.member ?? null;
}

/** The names of whoever is on call at `at`: the final schedule's member, or each feed entry's person. */
export function namesOnCall(stored: StoredSchedule, at: number, feeds: FeedReader): string[] {
  if (stored.kind === 'feed') return feedNamesAt(stored, at, feeds);
  const member = finalMemberAt(stored, at);
  return member ? [member.name] : [];
}

function feedNamesAt(stored: StoredFeed, at: number, feeds: FeedReader): string[] {
  return [...new Set(feeds.entriesAt(stored, at).entries.map((entry) => entry.person))];
}

/** Whether one of `me` takes part in a schedule: a member of a layer or an override, or (a feed) on call at `at`. */
export function includesMe(
  stored: StoredSchedule,
  me: readonly string[],
  at: number,
  feeds: FeedReader,
): boolean {
  if (stored.kind === 'feed') return meOnCall(stored, me, at, feeds);
  const { layers, overrides } = stored.schedule;
  return (
    layers.some((layer) => layer.members.some((member) => isMe(member, me))) ||
    overrides.some((override) => isMe(override.member, me))
  );
}

/** Whether one of `me` (names or e-mail addresses, any case) is on call in a schedule at `at`. */
export function meOnCall(
  stored: StoredSchedule,
  me: readonly string[],
  at: number,
  feeds: FeedReader,
): boolean {
  if (stored.kind === 'feed') {
    const names = new Set(me.map((name) => name.trim().toLowerCase()));
    return feeds.entriesAt(stored, at).entries.some((entry) => entryIsFor(entry, names));
  }
  const member = finalMemberAt(stored, at);
  return member !== null && isMe(member, me);
}
