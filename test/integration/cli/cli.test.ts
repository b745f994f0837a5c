// The `piket` CLI against a real data folder: the queue as JSON and as a table, and clear usage errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../../src/api';
import { openPiketService } from '../../../src/core/piket-service';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';
import { runPiket } from '../../support/cli';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

const run = (argv: string[]) => runPiket(argv, NOW);

describe('piket CLI', () => {
  it('prints the effective queue as JSON with its SLA clocks, nearest deadline first with --sort deadline', async () => {
    const dataDir = tempDir();
    const { code, stdout, stderr } = await run([
      '--data-dir',
      dataDir,
      'queue',
      '--json',
      '--sort',
      'deadline',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const tickets = JSON.parse(stdout) as TicketSummary[];
    expect(tickets.length).toBeGreaterThan(20);
    expect(tickets.every((t) => !['resolved', 'closed'].includes(t.status))).toBe(true);
    const deadlines = tickets.map((t) => t.sla?.nextDueAt ?? Number.MAX_SAFE_INTEGER);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    for (const ticket of tickets) {
      expect(ticket.sla?.clocks.map((clock) => clock.target)).toEqual(
        expect.arrayContaining(['response', 'resolution']),
      );
    }
  });

  it('filters by priority and works offline from what is stored', async () => {
    const dataDir = tempDir();
    expect((await run(['--data-dir', dataDir, 'queue', '--json', '--offline'])).stdout.trim()).toBe('[]');
    await run(['--data-dir', dataDir, 'queue']);
    const { stdout } = await run([
      '--data-dir',
      dataDir,
      'queue',
      '--json',
      '--offline',
      '--priority',
      'p3,P4',
    ]);
    const tickets = JSON.parse(stdout) as TicketSummary[];
    expect(tickets.length).toBeGreaterThan(0);
    expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set(['P3', 'P4']));
  });

  it('only reads while another Piket owns the data folder, and leaves the folder as it was', async () => {
    const dataDir = tempDir();
    await run(['--data-dir', dataDir, 'queue']);
    const owner = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
    try {
      const file = join(dataDir, 'piket.db');
      const before = [readFileSync(file), readFileSync(join(dataDir, 'contracts.json'))];
      const { code, stdout } = await run(['--data-dir', dataDir, 'queue', '--json', '--offline']);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as TicketSummary[]).length).toBeGreaterThan(0);
      const after = [readFileSync(file), readFileSync(join(dataDir, 'contracts.json'))];
      expect(after.map((bytes, i) => bytes.equals(before[i]!))).toEqual([true, true]);
    } finally {
      owner.close();
    }
  });

  it('lists the most urgent first by default, and what needs me now with --needs-me', async () => {
    const dataDir = tempDir();
    const tickets = JSON.parse(
      (await run(['--data-dir', dataDir, 'queue', '--json'])).stdout,
    ) as TicketSummary[];
    const priorities = tickets.map((t) => t.priority);
    expect(new Set(priorities).size).toBeGreaterThan(2);
    expect(priorities).toEqual([...priorities].sort());
    const needsMe = JSON.parse(
      (await run(['--data-dir', dataDir, 'queue', '--json', '--offline', '--needs-me', '--sort', 'age']))
        .stdout,
    ) as TicketSummary[];
    expect(needsMe.length).toBeGreaterThan(0);
    // Open tickets only, and among them every P1 and P2: mine or unassigned first, each part oldest first.
    expect(new Set(tickets.map((t) => t.id))).toEqual(new Set([...tickets, ...needsMe].map((t) => t.id)));
    const urgent = tickets.filter((t) => t.priority === 'P1' || t.priority === 'P2');
    const mineFirst = (mine: boolean) =>
      urgent
        .filter((t) => (t.assignee === null || t.assignee === 'Sanne de Vries') === mine)
        .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    expect(needsMe.filter((t) => t.priority === 'P1' || t.priority === 'P2')).toEqual([
      ...mineFirst(true),
      ...mineFirst(false),
    ]);
  });

  it('prints a readable table by default', async () => {
    const { code, stdout } = await run(['--data-dir', tempDir(), 'queue']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^P[1-4]\s+DEMO-\d+\s+(in \d+|breached \d+)/);
  });

  it.each([
    [['queue', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'missing command'],
    [['queue', '--priority', 'P7'], '--priority takes P1, P2, P3 or P4'],
    [['queue', '--sort', 'relevance'], '--sort takes urgency, deadline, updated, age, not "relevance"'],
    [['queue', '--needs-me', '--all'], '--needs-me lists open tickets only'],
  ])('refuses %j with a clear message and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(['--data-dir', tempDir(), ...argv]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('piket --help');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('shows where the contracts file is and which customer gets which policy', async () => {
    const { code, stdout } = await run(['--data-dir', tempDir(), 'contracts']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Contracts file: .*contracts\.json\nValid\.\n/);
  });

  it('shows help and version', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage: piket');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
