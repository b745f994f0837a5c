// The events a schedule exports as iCalendar (src/rotation/ics exportCalendar writes them): the final schedule of
// a schedule made in Piket, or a feed's entries, over a range, optionally only my shifts. Each event is titled
// "On call — <layer> (<person>)" and keyed so its UID stays the same from one export to the next: a calendar that
// imports the file again, or subscribes to it, updates the event instead of adding a copy. An entry that runs past
// the range keeps its real start and end, so its key does not move as the range does.
import type { ExportEvent, FeedEntry } from '../rotation/ics';
import { finalSchedule } from '../rotation/final';
import type { FinalEntry, Schedule } from '../rotation/model';
import { isMe } from '../rotation/on-call';
import type { StoredFeed, StoredLocalSchedule } from '../store/schedule-store';
import { entryIsFor } from './feed-reader';

const DAY_MS = 86_400_000;
/** How far beyond the range the final schedule is computed, so entries crossing its ends keep their real ends. */
const MARGINS_MS = [35 * DAY_MS, 140 * DAY_MS, 400 * DAY_MS];

/** Final-schedule entries overlapping [from, to), uncut where the margin allows. */
function finalEntries(schedule: Schedule, from: number, to: number): FinalEntry[] {
  let entries: FinalEntry[] = [];
  for (const margin of MARGINS_MS) {
    const wide = finalSchedule(schedule, from - margin, to + margin);
    entries = wide.entries.filter((entry) => entry.end > from && entry.start < to);
    const first = entries[0];
    const last = entries[entries.length - 1];
    if (!(first?.start === from - margin || last?.end === to + margin)) break;
  }
  return entries;
}

function layerName(schedule: Schedule, layerId: string | null): string {
  return schedule.layers.find((layer) => layer.id === layerId)?.name ?? schedule.name;
}

/** Keys made unique by counting repeats (a feed may list the same event twice). */
function uniqueKeys(events: ExportEvent[]): ExportEvent[] {
  const seen = new Map<string, number>();
  return events.map((event) => {
    const count = seen.get(event.uidKey) ?? 0;
    seen.set(event.uidKey, count + 1);
    return count === 0 ? event : { ...event, uidKey: `${event.uidKey}\n${count}` };
  });
}

/** The final schedule of a schedule made in Piket, as events; `me`: only the shifts of one of these names. */
export function localScheduleEvents(
  stored: StoredLocalSchedule,
  from: number,
  to: number,
  me: readonly string[] | null,
): ExportEvent[] {
  const { schedule } = stored;
  const events = finalEntries(schedule, from, to)
    .filter((entry) => me === null || isMe(entry.member, me))
    .map((entry): ExportEvent => {
      const layer = layerName(schedule, entry.layerId);
      const { member } = entry;
      const details = [
        `Schedule: ${schedule.name} (${schedule.timeZone})`,
        entry.source === 'override' ? 'Override' : `Layer: ${layer}`,
        ...(member.phone ? [`Phone: ${member.phone}`] : []),
      ];
      return {
        uidKey: [schedule.id, entry.layerId ?? '', member.name, entry.start].join('\n'),
        start: entry.start,
        end: entry.end,
        title: `On call — ${layer} (${member.name})`,
        description: details.join('\n'),
        attendee: { name: member.name, email: member.email ?? null },
      };
    });
  return uniqueKeys(events);
}

/** A feed's entries as events; `me`: only the entries that name one of these (lower-cased). */
export function feedEvents(
  stored: StoredFeed,
  entries: readonly FeedEntry[],
  me: ReadonlySet<string> | null,
): ExportEvent[] {
  const layer = stored.feedName ?? stored.name;
  const events = entries
    .filter((entry) => entry.end > entry.start && (me === null || entryIsFor(entry, me)))
    .map((entry): ExportEvent => {
      const person = entry.person || entry.summary;
      const attendee = entry.attendees.find((a) => a.email !== null);
      return {
        uidKey: [stored.id, entry.uid, entry.recurrenceId ?? entry.start].join('\n'),
        start: entry.start,
        end: entry.end,
        title: `On call — ${layer} (${person})`,
        description: entry.summary,
        ...(attendee ? { attendee: { name: attendee.name ?? person, email: attendee.email } } : {}),
      };
    });
  return uniqueKeys(events);
}
