// Ticket actions through the whole service on a real data folder, against the demo desk: each action shows at once
// (pending), reaches the desk on the next sync and leaves the outbox once the pulled ticket contains it; an
// action that cannot apply is refused in words.
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

function open(dataDir: string, clock = createFakeClock(NOW)) {
  return openPiketService({ dataDir, version: 'test', role: 'app', clock, syncIntervalMs: 60_000 });
}

async function openTicket(service: PiketService, which: (t: TicketDetail) => boolean): Promise<TicketDetail> {
  const page = await service.handlers.listQueue({ scope: 'open', sort: 'urgency', limit: 1000 });
  for (const summary of page.tickets) {
    const detail = await service.handlers.getTicket({ id: summary.id });
    if (which(detail)) return detail;
  }
  throw new Error('no such ticket in the demo queue');
}

describe('ticket actions through the service', () => {
  it('shows a note at once, sends it on the next sync, and drops it from the outbox once pulled back', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const ticket = await openTicket(service, (t) => t.notes.length === 0 && t.status !== 'closed');
      const noted = await service.handlers.actOnTicket({
        id: ticket.id,
        action: { kind: 'note', body: 'Looking into it from the train' },
      });
      // Recorded, shown, and already on its way (the connection syncs at once after a change).
      expect(noted.hasPending).toBe(true);
      expect(noted.changes).toMatchObject([{ state: 'inflight', action: { kind: 'note' } }]);
      const found = await service.handlers.listQueue({
        scope: 'open',
        sort: 'urgency',
        search: 'train',
        limit: 10,
      });
      expect(found.tickets.map((t) => t.id)).toEqual([ticket.id]);

      const status = await service.handlers.syncNow({});
      expect(status.connections[0]).toMatchObject({ waiting: 0, problems: 0 });
      const after = await service.handlers.getTicket({ id: ticket.id });
      expect(after.changes).toEqual([]);
      expect(after.hasPending).toBe(false);
      expect(after.notes.map((note) => note.body)).toEqual(['Looking into it from the train']);
    } finally {
      service.close();
    }
  });

  it('acknowledges and reprioritizes, each shown before the desk confirms it, and sent in order', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const ticket = await openTicket(service, (t) => t.status === 'new' && t.priority !== 'P1');
      const preview = await service.handlers.previewPriority({ id: ticket.id, priority: 'P1' });
      expect(preview).toMatchObject({ from: ticket.priority, to: 'P1' });
      const dueBefore = preview.before.find((clock) => clock.target === 'resolution')!.dueAt;
      const dueAfter = preview.after.find((clock) => clock.target === 'resolution')!.dueAt;
      expect(dueAfter).toBeLessThan(dueBefore);

      await service.handlers.actOnTicket({ id: ticket.id, action: { kind: 'ack' } });
      const raised = await service.handlers.actOnTicket({
        id: ticket.id,
        action: { kind: 'priority', priority: 'P1' },
      });
      expect(raised).toMatchObject({ status: 'acknowledged', priority: 'P1', hasPending: true });
      expect(raised.changes.map((change) => change.action.kind)).toEqual(['ack', 'priority']);

      await service.handlers.syncNow({});
      const settled = await service.handlers.getTicket({ id: ticket.id });
      expect(settled).toMatchObject({
        status: 'acknowledged',
        priority: 'P1',
        hasPending: false,
        changes: [],
      });
      expect(settled.assignee).toBe((await service.handlers.getSettings({})).me);
    } finally {
      service.close();
    }
  });

  it('refuses what cannot apply with a message, and finds tickets by the number their system shows', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const ticket = await openTicket(service, (t) => t.status !== 'closed');
      const same = await dispatch(service.handlers, 'actOnTicket', {
        id: ticket.id,
        action: { kind: 'priority', priority: ticket.priority },
      });
      expect(same).toEqual({
        ok: false,
        error: {
          code: 'invalid_argument',
          message: `Ticket ${ticket.externalId} is already ${ticket.priority}.`,
        },
      });
      const empty = await dispatch(service.handlers, 'actOnTicket', {
        id: ticket.id,
        action: { kind: 'note', body: '  ' },
      });
      expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      expect((await service.handlers.getTicket({ id: ticket.id })).changes).toEqual([]);

      expect((await service.handlers.findTicket({ ref: `demo:${ticket.externalId}` })).id).toBe(ticket.id);
      expect((await service.handlers.findTicket({ ref: ticket.externalId })).id).toBe(ticket.id);
      const missing = await dispatch(service.handlers, 'findTicket', { ref: '999999' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      service.close();
    }
  });
});
