// The core's one deadline scheduler (src/alerts/scheduler.ts), shared by every capability that raises timed events:
// the SLA tracker's warnings, breaches and P1 reminders (groups `ticket:…`), and next escalation steps and shift
// changes (`schedule:…`). Each capability takes a channel: its group prefix and the handler for its due events. The
// service starts, stops and rechecks it once for all.
import type { Clock } from '../domain/clock';
import { DeadlineScheduler, type FiredLog, type ScheduledEvent } from '../alerts/scheduler';

/** One capability's share of the scheduler: only groups under its prefix. */
export interface ScheduleChannel<E extends ScheduledEvent> {
  /** Replaces the pending events of one group (under the channel's prefix). */
  setGroup(group: string, events: readonly E[]): void;
  removeGroup(group: string): void;
  /** Replaces every pending event of this channel. */
  replaceAll(events: readonly E[]): void;
}

export interface CoreSchedulerOptions {
  clock: Clock;
  fired: FiredLog;
  log: (line: string) => void;
}

export class CoreScheduler {
  private readonly scheduler: DeadlineScheduler<ScheduledEvent>;
  private readonly handlers = new Map<string, (events: ScheduledEvent[]) => void>();

  constructor(options: CoreSchedulerOptions) {
    this.scheduler = new DeadlineScheduler<ScheduledEvent>({
      clock: options.clock,
      fired: options.fired,
      onDue: (events) => this.route(events),
      onError: (error) =>
        options.log(
          `Scheduled alerts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    });
  }

  /** The channel for the groups under `prefix` (e.g. 'ticket:'); `onDue` receives their due events. */
  channel<E extends ScheduledEvent>(prefix: string, onDue: (events: E[]) => void): ScheduleChannel<E> {
    if ([...this.handlers.keys()].some((taken) => taken.startsWith(prefix) || prefix.startsWith(taken))) {
      throw new RangeError(`the scheduler already has a channel overlapping ${prefix}`);
    }
    this.handlers.set(prefix, onDue as (events: ScheduledEvent[]) => void);
    const inside = (group: string): void => {
      if (!group.startsWith(prefix)) throw new RangeError(`group ${group} is outside ${prefix}`);
    };
    return {
      setGroup: (group, events) => {
        inside(group);
        this.scheduler.setGroup(group, events);
      },
      removeGroup: (group) => {
        inside(group);
        this.scheduler.removeGroup(group);
      },
      replaceAll: (events) => this.scheduler.replaceAll(events, prefix),
    };
  }

  /** Arms the timer and raises what is already overdue (late rather than never). */
  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** On wake, unlock, a clock jump or a time-zone change: raises what is overdue now. */
  checkNow(): void {
    this.scheduler.checkNow();
  }

  private route(events: ScheduledEvent[]): void {
    for (const [prefix, onDue] of this.handlers) {
      const mine = events.filter((event) => event.group.startsWith(prefix));
      if (mine.length > 0) onDue(mine);
    }
  }
}
