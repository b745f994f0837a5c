// The notices handed to the host's Notifier and what became of each: recorded before the first attempt, so a
// notice is delivered late rather than never (a crash, a failing notification service, Piket closed), and never
// shown twice (its key).
import type Database from 'better-sqlite3';
import type { NoticeRecord } from '../api/contract';
import type { AlertNotice, DeliveryOutcome, NoticeUrgency } from '../alerts/notifier';

/** After this many failed attempts a notice is given up (its last outcome stays `failed`). */
export const MAX_DELIVERY_ATTEMPTS = 5;

export interface QueuedNotice extends AlertNotice {
  source: string | null;
  /** When it fell due. */
  dueAt: number;
  attempts: number;
}

interface Row {
  key: string;
  source: string | null;
  ticket_id: number | null;
  title: string;
  body: string;
  urgency: NoticeUrgency;
  due_at: number;
  raised_at: number;
  late: number;
  attempts: number;
}

interface RecordRow extends Row {
  outcome: DeliveryOutcome | null;
  delivered_at: number | null;
}

export class AlertDeliveries {
  private readonly insert: Database.Statement;
  private readonly waiting: Database.Statement<[number, number, number], Row>;
  private readonly nextWaiting: Database.Statement<[number], number | null>;
  private readonly setOutcome: Database.Statement;
  private readonly newest: Database.Statement<[], RecordRow>;
  private readonly failedCount: Database.Statement<[number], number>;
  private readonly enqueueAll: (notices: readonly QueuedNotice[], now: number) => number;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`
      INSERT OR IGNORE INTO alert_deliveries (key, source, ticket_id, title, body, urgency, due_at, raised_at, late)
      VALUES (@key, @source, @ticketId, @title, @body, @urgency, @dueAt, @now, @late)`);
    this.waiting = db.prepare(`
      SELECT * FROM alert_deliveries
      WHERE (outcome IS NULL OR outcome = 'failed') AND next_attempt_at <= ? AND attempts < ?
      ORDER BY urgency = 'critical' DESC, due_at, key LIMIT ?`);
    this.nextWaiting = db
      .prepare<[number], number | null>(
        `SELECT min(next_attempt_at) FROM alert_deliveries WHERE outcome = 'failed' AND attempts < ?`,
      )
      .pluck();
    this.setOutcome = db.prepare(`
      UPDATE alert_deliveries SET outcome = @outcome, attempts = attempts + 1, next_attempt_at = @retryAt,
        delivered_at = CASE WHEN @outcome = 'failed' THEN delivered_at ELSE @now END
      WHERE key = @key`);
    this.newest = db.prepare(`SELECT * FROM alert_deliveries ORDER BY raised_at DESC, rowid DESC LIMIT 1`);
    this.failedCount = db
      .prepare<[number], number>(
        `SELECT count(*) FROM alert_deliveries WHERE outcome = 'failed' AND raised_at >= ?`,
      )
      .pluck();
    this.enqueueAll = db.transaction((notices: readonly QueuedNotice[], now: number) => {
      let added = 0;
      for (const notice of notices) {
        added += this.insert.run({ ...notice, late: notice.late ? 1 : 0, now }).changes;
      }
      return added;
    });
  }

  /** Records notices to deliver (one already recorded under its key is left as it is); returns how many are new. */
  enqueue(notices: readonly QueuedNotice[], now: number): number {
    return this.enqueueAll(notices, now);
  }

  /** The notices to hand over now: never tried, or failed and due for another try; P1s first, then oldest. */
  due(now: number, limit = 20): QueuedNotice[] {
    return this.waiting.all(now, MAX_DELIVERY_ATTEMPTS, limit).map((row) => ({
      key: row.key,
      source: row.source,
      ticketId: row.ticket_id,
      title: row.title,
      body: row.body,
      urgency: row.urgency,
      dueAt: row.due_at,
      late: row.late === 1,
      attempts: row.attempts,
    }));
  }

  /** When a failed notice is tried next, or null when none waits. */
  nextRetryAt(): number | null {
    return this.nextWaiting.get(MAX_DELIVERY_ATTEMPTS) ?? null;
  }

  record(key: string, outcome: DeliveryOutcome, now: number, retryAt: number): void {
    this.setOutcome.run({ key, outcome, now, retryAt });
  }

  /** The notice raised last (the newest attempt of it), with what became of it; null before the first. */
  last(): NoticeRecord | null {
    const row = this.newest.get();
    if (!row) return null;
    return {
      title: row.title,
      urgency: row.urgency,
      outcome: row.outcome ?? 'waiting',
      raisedAt: row.raised_at,
      deliveredAt: row.delivered_at,
      attempts: row.attempts,
      late: row.late === 1,
    };
  }

  /** How many notices raised since `since` have failed so far (and may still be retried). */
  failedSince(since: number): number {
    return this.failedCount.get(since) ?? 0;
  }
}
