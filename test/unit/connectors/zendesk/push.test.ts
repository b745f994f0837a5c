// The Zendesk push mapping, pure: Piket's statuses and priorities back onto Zendesk's (defaults and settings), the
// exact Update Ticket body of every action with its marker and safe update, and ticket numbers that never reach a URL.
import { describe, expect, it } from 'vitest';
import { ConnectorError, type PushRequest } from '../../../../src/connectors/connector';
import { parseZendeskOptions } from '../../../../src/connectors/zendesk/options';
import {
  ticketNumber,
  updateBody,
  zendeskPriorityFor,
  zendeskStatusFor,
} from '../../../../src/connectors/zendesk/push';
import type { TicketAction } from '../../../../src/domain/action';
import { TICKET_STATUSES } from '../../../../src/domain/ticket';

const DEFAULTS = parseZendeskOptions({});
const BASE = Date.UTC(2026, 10, 20, 11, 58, 7);
const ME = 370_000_000_001;

function request(
  action: TicketAction,
  baseUpdatedAt: number | null = BASE,
  seen: PushRequest['seen'] = { status: 'new', assignee: null },
): PushRequest {
  return { mutationId: 'c0ffee-1', externalId: '42', action, baseUpdatedAt, seen };
}

describe('Zendesk push: Piket values back to Zendesk', () => {
  it('maps every Piket status back with the default settings; workaround provided has no Zendesk status', () => {
    expect(
      Object.fromEntries(TICKET_STATUSES.map((status) => [status, zendeskStatusFor(status, DEFAULTS)])),
    ).toEqual({
      new: 'new',
      acknowledged: 'open',
      in_progress: 'open',
      waiting_on_customer: 'pending',
      workaround_provided: null,
      resolved: 'solved',
      closed: 'closed',
    });
  });

  it("follows the connection's statuses: the first Zendesk status mapped to it, acknowledged as in progress", () => {
    const settings = parseZendeskOptions({
      statuses: { open: 'waiting_on_customer', hold: 'workaround_provided', pending: 'in_progress' },
    });

    expect(zendeskStatusFor('waiting_on_customer', settings)).toBe('open');
    expect(zendeskStatusFor('workaround_provided', settings)).toBe('hold');
    expect(zendeskStatusFor('in_progress', settings)).toBe('pending');
    expect(zendeskStatusFor('acknowledged', settings)).toBe('pending');
    expect(zendeskStatusFor('acknowledged', parseZendeskOptions({ statuses: { new: 'acknowledged' } }))).toBe(
      'new',
    );
  });

  it('maps priorities back by the first of urgent, high, normal, low; none is never sent', () => {
    expect(['P1', 'P2', 'P3', 'P4'].map((p) => zendeskPriorityFor(p as 'P1', DEFAULTS))).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
    ]);
    const squeezed = parseZendeskOptions({ priorities: { high: 'P1', low: 'P3', none: 'P4' } });
    expect(['P1', 'P2', 'P3', 'P4'].map((p) => zendeskPriorityFor(p as 'P1', squeezed))).toEqual([
      'urgent',
      null,
      'normal',
      null,
    ]);
  });
});

describe('Zendesk push: the Update Ticket body', () => {
  it('sends each action with the marker and a safe update on the version it was made on', () => {
    const marker = { piket_mutation: 'c0ffee-1' };
    const safe = { safe_update: true, updated_stamp: '2026-11-20T11:58:07Z' };

    expect(updateBody(request({ kind: 'ack' }), DEFAULTS, ME)).toEqual({
      ticket: { assignee_id: ME, status: 'open', metadata: marker, ...safe },
    });
    // Taking a ticket that waits on the customer leaves it waiting.
    const waiting = request({ kind: 'ack' }, BASE, { status: 'waiting_on_customer', assignee: 'Jan' });
    expect(updateBody(waiting, DEFAULTS, ME)).toEqual({
      ticket: { assignee_id: ME, metadata: marker, ...safe },
    });
    expect(updateBody(request({ kind: 'assign' }), DEFAULTS, ME)).toEqual({
      ticket: { assignee_id: ME, metadata: marker, ...safe },
    });
    expect(updateBody(request({ kind: 'status', status: 'waiting_on_customer' }), DEFAULTS, null)).toEqual({
      ticket: { status: 'pending', metadata: marker, ...safe },
    });
    expect(updateBody(request({ kind: 'priority', priority: 'P2' }), DEFAULTS, null)).toEqual({
      ticket: { priority: 'high', metadata: marker, ...safe },
    });
    expect(updateBody(request({ kind: 'resolve' }), DEFAULTS, null)).toEqual({
      ticket: { status: 'solved', metadata: marker, ...safe },
    });
  });

  it('sends notes and replies without a precondition when they have no base', () => {
    expect(updateBody(request({ kind: 'note', body: 'Logs attached.' }, null), DEFAULTS, null)).toEqual({
      ticket: {
        comment: { body: 'Logs attached.', public: false },
        metadata: { piket_mutation: 'c0ffee-1' },
      },
    });
    expect(updateBody(request({ kind: 'reply', body: 'Fixed.' }, null), DEFAULTS, null)).toEqual({
      ticket: { comment: { body: 'Fixed.', public: true }, metadata: { piket_mutation: 'c0ffee-1' } },
    });
  });

  it('refuses a status or priority Zendesk has no equivalent for, as validation', () => {
    const refused = (action: TicketAction): unknown => {
      try {
        updateBody(request(action), parseZendeskOptions({ priorities: { urgent: 'P2' } }), null);
      } catch (error) {
        return error;
      }
      return undefined;
    };

    expect(refused({ kind: 'status', status: 'workaround_provided' })).toBeInstanceOf(ConnectorError);
    expect(refused({ kind: 'status', status: 'workaround_provided' })).toMatchObject({ kind: 'validation' });
    expect(refused({ kind: 'priority', priority: 'P1' })).toMatchObject({
      kind: 'validation',
      message:
        "Zendesk has no priority for P1: map a Zendesk priority to P1 in this connection's settings (priorities) to use it.",
    });
  });
});

describe('Zendesk push: ticket numbers', () => {
  it('accepts positive whole numbers only', () => {
    expect(ticketNumber('42')).toBe(42);
    for (const bad of ['', '0', '042', '-1', '4.2', '42/audits', '1e3', ' 42', '12345678901234567'])
      expect(() => ticketNumber(bad)).toThrow(ConnectorError);
  });
});
