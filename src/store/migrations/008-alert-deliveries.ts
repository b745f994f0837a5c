// Schema 8: every notice the core handed to the host's Notifier, with its outcome, so a failed one is retried, one
// missed while Piket was closed is raised late, and the notification health panel can say what happened.
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE alert_deliveries (
  key TEXT PRIMARY KEY,
  source TEXT,
  ticket_id INTEGER,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('critical', 'normal', 'low')),
  due_at INTEGER NOT NULL,
  raised_at INTEGER NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('shown', 'clicked', 'dismissed', 'timed_out', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  delivered_at INTEGER
);
-- Notices still to deliver: never handed over, or failed and waiting for another try.
CREATE INDEX alert_deliveries_waiting ON alert_deliveries (next_attempt_at)
  WHERE outcome IS NULL OR outcome = 'failed';
`;

export const migration008: Migration = {
  version: 8,
  name: 'alert-deliveries',
  up(db) {
    db.exec(SCHEMA);
  },
};
