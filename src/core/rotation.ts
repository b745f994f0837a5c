// The rotations capability: the schedules Piket knows — made in Piket, or iCalendar feeds subscribed to from a file
// or a URL — and who is on call in them. A feed keeps the text it last read, so it answers offline, as of then; an
// import or refresh that cannot read a calendar changes nothing stored but the refresh's error. Alerts ask it
// whether I am on call (`onCall`).
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import type { PiketHandlers, ScheduleImport, ScheduleView } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { ArgsOut } from '../api/schemas';
import type { Clock } from '../domain/clock';
import {
  calendarSource,
  CalendarSourceError,
  isUrlSource,
  readCalendarSource,
} from '../platform/calendar-source';
import { exportCalendar, IcsError, type ParsedFeed } from '../rotation/ics';
import { formatLocal, isTimeZone } from '../rotation/local-time';
import type { Schedule } from '../rotation/model';
import { parseSchedule, ScheduleError } from '../rotation/schedule-schema';
import {
  type FetchedFeed,
  ScheduleStore,
  type StoredFeed,
  type StoredSchedule,
} from '../store/schedule-store';
import { scheduleSource, type OnCallSource } from '../escalation/targets';
import type { EventHub } from './event-hub';
import { FeedReader } from './feed-reader';
import { includesMe, meOnCall, namesOnCall, scheduleOnCall } from './on-call-views';
import { feedEvents, localScheduleEvents } from './schedule-export';
import { checkViewRange, scheduleRange } from './schedule-range';

export type RotationHandlers = Pick<
  PiketHandlers,
  | 'listSchedules'
  | 'getOnCall'
  | 'importSchedule'
  | 'refreshSchedule'
  | 'saveSchedule'
  | 'removeSchedule'
  | 'exportSchedule'
  | 'getScheduleRange'
>;

const DAY_MS = 86_400_000;
/** The range an export covers, and a feed is checked over, unless told otherwise. */
const DEFAULT_BEFORE_MS = 7 * DAY_MS;
const DEFAULT_AFTER_MS = 90 * DAY_MS;
const MAX_EXPORT_MS = 3 * 366 * DAY_MS;

export interface RotationOptions {
  db: Database.Database;
  clock: Clock;
  events: EventHub;
  /** The names and e-mail addresses I go by (the `me` setting, my identities at the connections). */
  me: () => readonly string[];
  /** Written in the PRODID of exported calendars. */
  version: string;
  /** My IANA zone; default this computer's. */
  myZone?: () => string;
}

/** This computer's IANA zone, UTC when the runtime does not say. */
export function systemZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

export class Rotation {
  private readonly store: ScheduleStore;
  private readonly feeds: FeedReader;
  private readonly myZone: () => string;

  constructor(private readonly options: RotationOptions) {
    this.store = new ScheduleStore(options.db);
    this.myZone = options.myZone ?? systemZone;
    this.feeds = new FeedReader(this.myZone);
  }

  /** My names and e-mail addresses, the empty ones left out. */
  private myNames(): string[] {
    return this.options.me().filter((name) => name.trim() !== '');
  }

  /** Whether one of my names is on call in any schedule at `at`; null when there is no schedule at all. */
  onCall(at: number): boolean | null {
    const schedules = this.store.list();
    if (schedules.length === 0) return null;
    const me = this.options.me().filter((name) => name.trim() !== '');
    return schedules.some((stored) => meOnCall(stored, me, at, this.feeds));
  }

  /** Every stored schedule as a source the escalation ladder asks who is on call. */
  sources(): OnCallSource[] {
    return this.store.list().map((stored) =>
      stored.kind === 'local'
        ? scheduleSource(stored.schedule)
        : {
            name: stored.name,
            onCallAt: (at) =>
              this.feeds.entriesAt(stored, at).entries.map((entry) => ({
                name: entry.person,
                email: entry.attendees.find((attendee) => attendee.email !== null)?.email ?? null,
              })),
          },
    );
  }

  /** Who holds the pager at `at`, per schedule. */
  onCallNow(at: number): Array<{ schedule: string; names: string[] }> {
    return this.store
      .list()
      .map((stored) => ({ schedule: stored.name, names: namesOnCall(stored, at, this.feeds) }));
  }

  handlers(): RotationHandlers {
    return {
      listSchedules: () => this.views(),
      getOnCall: ({ at, schedule }) => {
        const instant = at ?? this.options.clock.now();
        const myZone = this.myZone();
        const chosen = schedule === undefined ? this.store.list() : [this.require(schedule)];
        return {
          at: instant,
          myZone,
          schedules: chosen.map((stored) => scheduleOnCall(stored, instant, myZone, this.feeds)),
        };
      },
      importSchedule: (args) => this.importFeed(args),
      refreshSchedule: ({ name }) => this.refresh(name),
      saveSchedule: ({ schedule }) => this.save(schedule),
      removeSchedule: ({ name }) => {
        const stored = this.require(name);
        this.store.delete(stored.id);
        this.feeds.forget(stored.id);
        return this.changed();
      },
      exportSchedule: (args) => this.export(args),
      getScheduleRange: ({ name, from, to }) => {
        checkViewRange(from, to);
        return scheduleRange(this.require(name), from, to, {
          now: this.options.clock.now(),
          me: this.myNames(),
          myZone: this.myZone(),
          feeds: this.feeds,
        });
      },
    };
  }

  private view(stored: StoredSchedule, now: number): ScheduleView {
    const feed = stored.kind === 'feed' ? stored : null;
    return {
      id: stored.id,
      name: stored.name,
      kind: stored.kind,
      timeZone: stored.timeZone,
      source: feed?.source ?? null,
      asOf: feed?.fetchedAt ?? stored.updatedAt,
      feedName: feed?.feedName ?? null,
      lastError: feed?.lastError ?? null,
      lastAttemptAt: feed?.lastAttemptAt ?? null,
      onCallNow: namesOnCall(stored, now, this.feeds),
      withMe: includesMe(stored, this.myNames(), now, this.feeds),
      schedule: stored.kind === 'local' ? stored.schedule : null,
    };
  }

  private views(): ScheduleView[] {
    const now = this.options.clock.now();
    return this.store.list().map((stored) => this.view(stored, now));
  }

  private changed(): ScheduleView[] {
    const views = this.views();
    this.options.events.emit('schedulesChanged', views);
    return views;
  }

  private require(name: string): StoredSchedule {
    const stored = this.store.getByName(name);
    if (stored) return stored;
    const known = this.store.list().map((s) => `"${s.name}"`);
    throw new ApiFailure(
      'not_found',
      `There is no schedule named "${name.trim()}" (${known.length > 0 ? `schedules: ${known.join(', ')}` : 'there are no schedules yet'}).`,
    );
  }

  private refuseTakenName(name: string, exceptId: string | null = null): void {
    const taken = this.store.getByName(name);
    if (taken && taken.id !== exceptId) {
      throw new ApiFailure(
        'conflict',
        `A schedule named "${taken.name}" exists already; give this one another name.`,
      );
    }
  }

  /** Reads a feed and checks that it is a calendar; nothing is stored here. */
  private async fetchFeed(source: string): Promise<FetchedFeed & { parsed: ParsedFeed }> {
    const now = this.options.clock.now();
    let text: string;
    try {
      text = await readCalendarSource(source);
    } catch (error) {
      if (error instanceof CalendarSourceError) throw new ApiFailure('unavailable', error.message);
      throw error;
    }
    let parsed: ParsedFeed;
    try {
      parsed = this.feeds.read(text, now - DEFAULT_BEFORE_MS, now + DEFAULT_AFTER_MS);
    } catch (error) {
      if (error instanceof IcsError) {
        throw new ApiFailure(
          'invalid_argument',
          `${source} is not an iCalendar feed Piket can read: ${error.message}`,
        );
      }
      throw error;
    }
    const zone = parsed.timeZone !== null && isTimeZone(parsed.timeZone) ? parsed.timeZone : null;
    return { text, fetchedAt: now, feedName: parsed.name, timeZone: zone, parsed };
  }

  private async importFeed(args: ArgsOut<'importSchedule'>): Promise<ScheduleImport> {
    let source: string;
    try {
      source = calendarSource(args.source);
    } catch (error) {
      if (error instanceof CalendarSourceError) throw new ApiFailure('invalid_argument', error.message);
      throw error;
    }
    if (args.name !== undefined) this.refuseTakenName(args.name);
    const { parsed, ...fetched } = await this.fetchFeed(source);
    const name = args.name ?? (parsed.name?.trim() || defaultName(source));
    this.refuseTakenName(name);
    const id = randomUUID();
    this.store.addFeed({ id, name, source, ...fetched }, fetched.fetchedAt);
    this.changed();
    return this.imported(id, parsed);
  }

  private async refresh(name: string): Promise<ScheduleImport> {
    const stored = this.require(name);
    if (stored.kind !== 'feed') {
      throw new ApiFailure(
        'invalid_argument',
        `"${stored.name}" is made in Piket; only feeds are refreshed.`,
      );
    }
    let fetched: Awaited<ReturnType<Rotation['fetchFeed']>>;
    try {
      fetched = await this.fetchFeed(stored.source);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      this.failed(stored, error.message);
      throw new ApiFailure(
        'unavailable',
        `"${stored.name}" was not refreshed: ${error.message} Piket keeps showing it as of ${this.shown(stored.fetchedAt)}.`,
      );
    }
    const { parsed, ...feed } = fetched;
    this.store.refreshed(stored.id, feed);
    this.feeds.forget(stored.id);
    this.changed();
    return this.imported(stored.id, parsed);
  }

  private failed(stored: StoredFeed, message: string): void {
    this.store.refreshFailed(stored.id, message, this.options.clock.now());
    this.changed();
  }

  private imported(id: string, parsed: ParsedFeed): ScheduleImport {
    const stored = this.store.getById(id)!;
    return {
      schedule: this.view(stored, this.options.clock.now()),
      entries: parsed.entries.length,
      warnings: parsed.warnings,
    };
  }

  private shown(instant: number): string {
    const { local, offset } = formatLocal(instant, this.myZone());
    return `${local.replace('T', ' ')} ${offset}`;
  }

  private save(value: unknown): ScheduleView {
    let schedule: Schedule;
    try {
      schedule = parseSchedule(value);
    } catch (error) {
      if (error instanceof ScheduleError) throw new ApiFailure('invalid_argument', error.message);
      throw error;
    }
    const existing = this.store.getById(schedule.id);
    if (existing?.kind === 'feed') {
      throw new ApiFailure('conflict', `The id "${schedule.id}" belongs to the feed "${existing.name}".`);
    }
    this.refuseTakenName(schedule.name, schedule.id);
    this.store.saveLocal(schedule, this.options.clock.now());
    const views = this.changed();
    return views.find((view) => view.id === schedule.id)!;
  }

  private export(args: ArgsOut<'exportSchedule'>) {
    const now = this.options.clock.now();
    const from = args.from ?? now - DEFAULT_BEFORE_MS;
    const to = args.to ?? now + DEFAULT_AFTER_MS;
    if (to <= from) throw new ApiFailure('invalid_argument', 'The range to export must end after it starts.');
    if (to - from > MAX_EXPORT_MS) {
      throw new ApiFailure('invalid_argument', 'Piket exports at most three years at a time.');
    }
    const stored = this.require(args.name);
    const me = args.mine ? this.options.me().filter((name) => name.trim() !== '') : null;
    const events =
      stored.kind === 'local'
        ? localScheduleEvents(stored, from, to, me)
        : feedEvents(
            stored,
            this.feeds.read(stored.text, from, to).entries,
            me && new Set(me.map((name) => name.trim().toLowerCase())),
          );
    const ics = exportCalendar({
      name: args.mine ? `${stored.name} — my shifts` : stored.name,
      timeZone: stored.timeZone,
      events,
      prodId: `-//Piket//Piket ${this.options.version}//EN`,
      now,
    });
    return { name: stored.name, from, to, events: events.length, ics };
  }
}

/** A name for a feed that has none: its file's name without .ics, or its web address's host. */
function defaultName(source: string): string {
  if (isUrlSource(source)) return new URL(source).hostname;
  return basename(source).replace(/\.(ics|ical|ifb|icalendar)$/i, '') || source;
}
