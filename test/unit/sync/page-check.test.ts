// checkPage: a broken page frame is a protocol error; within it each record, and each part of an addition, is
// accepted or refused on its own, with a reason naming the field and a bounded excerpt of what came in.
import { describe, expect, it } from 'vitest';
import { ConnectorError, type PullPage } from '../../../src/connectors/connector';
import { checkPage, EXCERPT_LENGTH } from '../../../src/sync/page-check';
import { ticketRecord } from '../../support/records';

const T0 = Date.UTC(2026, 0, 5, 9);
const note = (externalId: string, createdAt = T0) => ({
  externalId,
  author: 'Ann',
  body: 'Looking',
  public: true,
  createdAt,
});

function page(overrides: Partial<PullPage>): PullPage {
  return { customers: [], tickets: [], cursor: 'c', hasMore: false, ...overrides };
}

describe('checkPage', () => {
  it.each([
    ['no cursor', { cursor: undefined }],
    ['no ticket list', { tickets: undefined }],
    ['hasMore that is not a boolean', { hasMore: 'yes' }],
    ['additions that are not a list', { additions: {} }],
  ])('refuses a page with %s as a protocol error naming the connection', (_, broken) => {
    const bad = { ...page({}), ...broken } as unknown as PullPage;
    let thrown: unknown;
    try {
      checkPage('zd', 'Zendesk', bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConnectorError);
    expect(thrown).toMatchObject({ kind: 'protocol', message: 'Zendesk sent a page Piket cannot read.' });
  });

  it('refuses one bad note, history entry or first response of an addition alone and keeps the rest', () => {
    const checked = checkPage(
      'zd',
      'Zendesk',
      page({
        additions: [
          {
            externalId: '7',
            notes: [note('n1'), note('n2', 0), { externalId: 'n3' } as never],
            history: [
              { at: T0, status: 'new' },
              { at: T0 + 1, status: 'someday' as never },
            ],
            firstResponseAt: 12,
          },
          { externalId: '8', firstResponseAt: T0 },
          { notes: [note('n9')] } as never,
          { externalId: '9', notes: [note('n4', 1)] },
        ],
      }),
    );
    expect(checked.page.additions).toEqual([
      { externalId: '7', notes: [note('n1')], history: [{ at: T0, status: 'new' }] },
      { externalId: '8', firstResponseAt: T0 },
    ]);
    expect(
      checked.refused.map(({ kind, externalId, reason }) => `${kind} ${externalId} | ${reason}`),
    ).toEqual([
      'note 7/n2 | createdAt: must be an instant in ms from 2000-01-01 UTC on',
      'note 7/n3 | author: Invalid input: expected string, received undefined',
      `change 7@${T0 + 1} | status: Invalid option: expected one of "new"|"acknowledged"|"in_progress"|"waiting_on_customer"|"workaround_provided"|"resolved"|"closed"`,
      'addition 7 | firstResponseAt: must be an instant in ms from 2000-01-01 UTC on',
      'addition  | externalId: Invalid input: expected string, received undefined',
      'note 9/n4 | createdAt: must be an instant in ms from 2000-01-01 UTC on',
    ]);
  });

  it('refuses a tombstone with an unknown reason, or a merge target on a plain deletion', () => {
    const checked = checkPage(
      'zd',
      'Zendesk',
      page({
        tombstones: [
          { externalId: '1', reason: 'merged', mergedInto: '2', at: T0 },
          { externalId: '3', reason: 'archived' as never, at: T0 },
          { externalId: '4', reason: 'deleted', mergedInto: '2', at: T0 },
        ],
      }),
    );
    expect(checked.page.tombstones).toEqual([{ externalId: '1', reason: 'merged', mergedInto: '2', at: T0 }]);
    expect(
      checked.refused.map(({ kind, externalId, reason }) => `${kind} ${externalId} | ${reason}`),
    ).toEqual([
      'tombstone 3 | reason: Invalid option: expected one of "deleted"|"merged"',
      'tombstone 4 | mergedInto: mergedInto is only for a merged ticket',
    ]);
  });

  it('keeps a bounded excerpt of a refused record, and reads a numeric id', () => {
    const huge = {
      ...ticketRecord({
        source: 'zd',
        externalId: 'x',
        customerExternalId: 'acme',
        createdAt: T0,
        updatedAt: T0,
      }),
      externalId: 42,
      description: 'y'.repeat(5_000),
    };
    const [refused] = checkPage('zd', 'Zendesk', page({ tickets: [huge as never] })).refused;
    expect(refused).toMatchObject({ kind: 'ticket', externalId: '42' });
    expect(refused!.excerpt).toHaveLength(EXCERPT_LENGTH + 1);
    expect(refused!.excerpt.startsWith('{"subject":"Ticket x","description":"yyy')).toBe(true);
    expect(refused!.excerpt.endsWith('…')).toBe(true);
  });

  it('accepts a ticket without notes and history, and leaves them out', () => {
    const {
      notes: _notes,
      history: _history,
      ...bare
    } = ticketRecord({
      source: 'zd',
      externalId: '1',
      customerExternalId: 'acme',
      createdAt: T0,
      updatedAt: T0,
    });
    const checked = checkPage('zd', 'Zendesk', page({ tickets: [bare] }));
    expect(checked.refused).toEqual([]);
    expect(checked.page.tickets[0]).toEqual(bare);
    expect('notes' in checked.page.tickets[0]!).toBe(false);
  });
});
