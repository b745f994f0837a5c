// The reads behind the overview (tray, alert window, tab title): how many open tickets are past or near a deadline,
// and which open P1s nobody has acknowledged yet. Each is one indexed query on ticket_effective.
import type Database from 'better-sqlite3';
import type { WaitingP1 } from '../api/contract';

/** An open P1 still waiting for acknowledgement, as stored (its snooze is the alerts' memory, not the store's). */
export type WaitingP1Row = Omit<WaitingP1, 'snoozedUntil'>;

export interface DeadlineCounts {
  open: number;
  /** Open tickets whose nearest running deadline has passed. */
  breached: number;
  /** Open tickets whose nearest running deadline falls after now and before `soonBefore`. */
  dueSoon: number;
}

export class OverviewQueries {
  private readonly counts: Database.Statement<{ now: number; soonBefore: number }, DeadlineCounts>;
  private readonly waiting: Database.Statement<[], WaitingP1Row>;

  constructor(db: Database.Database) {
    this.counts = db.prepare(`
      SELECT count(*) AS open,
             coalesce(sum(due_sort <= @now), 0) AS breached,
             coalesce(sum(due_sort > @now AND due_sort <= @soonBefore), 0) AS dueSoon
      FROM ticket_effective WHERE is_open = 1`);
    this.waiting = db.prepare(`
      SELECT t.id, t.source, t.external_id AS externalId, t.subject,
             coalesce(c.name, t.customer_id) AS customerName, t.created_at AS createdAt
      FROM ticket_effective t LEFT JOIN customers c ON c.id = t.customer_id
      WHERE t.is_open = 1 AND t.priority = 'P1' AND t.status = 'new'
      ORDER BY t.created_at, t.id`);
  }

  deadlineCounts(now: number, soonBefore: number): DeadlineCounts {
    return this.counts.get({ now, soonBefore })!;
  }

  waitingP1s(): WaitingP1Row[] {
    return this.waiting.all();
  }
}
