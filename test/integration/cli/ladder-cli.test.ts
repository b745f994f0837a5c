// `piket ladder ID` against a real data folder holding the demo desk's tickets and a schedule made in Piket: the
// steps with whom each calls, who to call now, the next step, JSON out, and a ticket that does not exist.
import { describe, expect, it } from 'vitest';
import type { Overview } from '../../../src/api/contract';
import type { LadderView } from '../../../src/escalation/ladder';
import { openPiketService } from '../../../src/core/piket-service';
import { runPiket } from '../../support/cli';
import { createFakeClock } from '../../support/fake-clock';
import { SUPPORT_NL } from '../../support/rotation';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** A minute after the demo desk's DEMO-152217 arrived as a P1 (see test/integration/core/alerts.test.ts). */
const NOW = Date.UTC(2026, 10, 23, 1, 40);

/** The demo desk's tickets at NOW and the Support NL schedule, stored as the owner of the folder would. */
async function seeded(): Promise<{ dataDir: string; ref: string; holder: string }> {
  const dataDir = tempDir();
  const piket = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
  try {
    await piket.handlers.syncNow({});
    await piket.handlers.saveSchedule({ schedule: SUPPORT_NL });
    const [p1] = (piket.handlers.getOverview({}) as Overview).p1Waiting;
    const onCall = (await piket.handlers.getOnCall({})).schedules[0]!;
    const holder = onCall.kind === 'local' ? onCall.final?.member?.name : undefined;
    return { dataDir, ref: p1!.externalId, holder: holder! };
  } finally {
    piket.close();
  }
}

describe('piket ladder', () => {
  it('lists the steps, says whom to call now and when the next step fires', async () => {
    const { dataDir, ref, holder } = await seeded();
    const run = await runPiket(['--data-dir', dataDir, 'ladder', ref], NOW);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Escalation ladder (the default: on call, lead engineer, TAM)');
    expect(run.stdout).toMatch(new RegExp(`current\\s+\\+0m\\s+.*on call \\(Support NL\\): ${holder}`));
    expect(run.stdout).toMatch(/next\s+\+15m\s+.*lead engineer/);
    expect(run.stdout).toContain(`Call now: on call (Support NL): ${holder}`);
    expect(run.stdout).toMatch(/Next step at \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./);
  });

  it('prints the ladder as JSON with --json', async () => {
    const { dataDir, ref, holder } = await seeded();
    const run = await runPiket(['--data-dir', dataDir, 'ladder', ref, '--json'], NOW);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { externalId: string; ladder: LadderView };
    expect(printed.externalId).toBe(ref);
    expect(printed.ladder.steps.map((step) => step.state)).toEqual(['current', 'next', 'later']);
    expect(printed.ladder.current?.targets[0]?.name).toBe(holder);
  });

  it('says so in words when the ticket does not exist', async () => {
    const { dataDir } = await seeded();
    const run = await runPiket(['--data-dir', dataDir, 'ladder', 'NOPE-1'], NOW);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/NOPE-1/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
