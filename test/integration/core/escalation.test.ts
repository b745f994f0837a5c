// A ticket's escalation ladder through the whole service on a real data folder, against the demo desk: the default
// ladder of its P1 (on call → lead engineer → TAM), whom to call now resolved from a stored schedule, when the
// next step fires, and the ladder stopping once the P1 is acknowledged.
import { describe, expect, it } from 'vitest';
import type { Overview } from '../../../src/api/contract';
import { openPiketService } from '../../../src/core/piket-service';
import { createFakeClock } from '../../support/fake-clock';
import { SUPPORT_NL } from '../../support/rotation';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** A minute after the demo desk's DEMO-152217 arrived as a P1 (see alerts.test.ts). */
const NOW = Date.UTC(2026, 10, 23, 1, 40);
const MINUTE = 60_000;

describe('the escalation ladder of a ticket', () => {
  it('calls whoever is on call now, then the lead engineer and the TAM, and stops on acknowledgement', async () => {
    const clock = createFakeClock(NOW);
    const service = openPiketService({ dataDir: tempDir(), version: 'test', role: 'app', clock });
    try {
      await service.handlers.syncNow({});
      await service.handlers.saveSchedule({ schedule: SUPPORT_NL });
      const [p1] = (service.handlers.getOverview({}) as Overview).p1Waiting;
      const detail = await service.handlers.getTicket({ id: p1!.id });
      const onCall = (await service.handlers.getOnCall({})).schedules[0]!;
      const holder = onCall.kind === 'local' ? onCall.final?.member?.name : undefined;

      const { ladder } = detail;
      expect(ladder.isDefault).toBe(true);
      expect(ladder.steps.map((step) => [step.at - detail.createdAt, step.targets[0]!.role])).toEqual([
        [0, 'onCall'],
        [15 * MINUTE, 'leadEngineer'],
        [30 * MINUTE, 'tam'],
      ]);
      expect(ladder.current?.targets.map((target) => target.name)).toEqual([holder]);
      expect(ladder.next?.at).toBe(detail.createdAt + 15 * MINUTE);
      expect(ladder.next?.step.targets[0]).toMatchObject({
        role: 'leadEngineer',
        name: detail.customer.leadEngineer?.name ?? null,
      });

      const acknowledged = await service.handlers.actOnTicket({ id: p1!.id, action: { kind: 'ack' } });
      expect(acknowledged.ladder).toMatchObject({ stopped: 'acknowledged', current: null, next: null });
    } finally {
      service.close();
    }
  });
});
