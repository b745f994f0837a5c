// Schema 3: no schema change. Migration 002 added ticket history without resetting the sync cursors, so tickets
// stored under schema 1 kept an empty history; resetting the tickets cursors makes the next sync pull every
// ticket again, with its history.
import type { Migration } from './migration';

export const migration003: Migration = {
  version: 3,
  name: 'history-repull',
  // Spelled out like the rest of a frozen migration: the resource the pull loop stores tickets under
  // (TICKETS_RESOURCE in src/sync/pull-sync.ts).
  resetsCursors: ['tickets'],
  up() {},
};
