// The changes people made on the demo desk (acknowledge, note, reply, status, priority, assign, resolve): per ticket,
// in the order applied, each with the server time it was applied at, and per mutation id the receipt it was answered
// with. The desk merges them into the tickets it serves (lifecycle.ts, `ticketAt`). They live in memory only: when
// Piket restarts, the desk forgets them and its tickets follow their planned lifecycle again; for a demo that is fine.
import { addsText, type TicketAction } from '../../domain/action';
import type { Clock } from '../../domain/clock';
import type { PushReceipt } from '../connector';

/** One change as the desk applied it. */
export interface DeskChange {
  mutationId: string;
  action: TicketAction;
  /** The server time it was applied at: the ticket's new `updatedAt`. */
  at: number;
  /** Who made it: the desk's user. */
  author: string;
  /** The id of the note a note or reply adds; derived from the mutation id, so it stays the same in every pull. */
  noteId: string;
}

export interface DeskChanges {
  /**
   * The desk's present: the clock, or the time of the latest change while the clock has not reached it (a change
   * can be stamped a millisecond ahead, see `stamp`). The desk serves every ticket as it stands at this instant.
   */
  now(): number;
  /** Notes that a page was served as the desk stood at `instant`. */
  served(instant: number): void;
  /**
   * The server time for a change on a ticket whose version is `updatedAt`: the present, moved just past that
   * version (two changes in one millisecond still give two versions) and past the last page served (a page served
   * in this millisecond may already have moved a cursor past the present; the change must sort after it).
   */
  stamp(updatedAt: number): number;
  /** The changes of one ticket, oldest first. */
  of(externalId: string): readonly DeskChange[];
  /** The tickets that have changes. */
  changed(): IterableIterator<string>;
  /** The receipt of the change with this mutation id, null when the desk never applied it. */
  receipt(mutationId: string): PushReceipt | null;
  /** Records a change applied to a ticket; answers its receipt. */
  add(externalId: string, change: DeskChange): PushReceipt;
}

const NONE: readonly DeskChange[] = [];

export function createDeskChanges(clock: Clock): DeskChanges {
  const byTicket = new Map<string, DeskChange[]>();
  const receipts = new Map<string, PushReceipt>();
  let latest = -Infinity;
  let lastServed = -Infinity;

  const now = (): number => Math.max(clock.now(), latest);
  return {
    now,
    served(instant) {
      lastServed = Math.max(lastServed, instant);
    },
    stamp(updatedAt) {
      return Math.max(now(), updatedAt + 1, lastServed + 1);
    },
    of: (externalId) => byTicket.get(externalId) ?? NONE,
    changed: () => byTicket.keys(),
    receipt: (mutationId) => receipts.get(mutationId) ?? null,
    add(externalId, change) {
      const list = byTicket.get(externalId) ?? [];
      list.push(change);
      byTicket.set(externalId, list);
      latest = Math.max(latest, change.at);
      // A note is found again in pulls by its id; any other change by its number.
      const remoteRef = addsText(change.action) ? change.noteId : `demo-change-${receipts.size + 1}`;
      const receipt: PushReceipt = { updatedAt: change.at, remoteRef };
      receipts.set(change.mutationId, receipt);
      return receipt;
    },
  };
}
