// `piket oncall`, `piket schedule import-ics|refresh|export-ics|list` on real data folders: `oncall --at` answers
// correctly at instants chosen from the real-world feeds (across the DST changes in Chicago and Madrid, and where
// overrides and EXDATEs apply) and from a schedule made in Piket; export-ics then import-ics gives the same final
// schedule; imports go through the Piket that owns the folder; and bad input — a broken ICS file, an unreachable
// URL, a schedule name that does not exist, an --at that is not a date — gets a clear message and loses nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OnCallReport, ScheduleView } from '../../../src/api';
import { openPiketService } from '../../../src/core/piket-service';
import { finalSchedule } from '../../../src/rotation/final';
import { runPiket } from '../../support/cli';
import { createFakeClock } from '../../support/fake-clock';
import { at, fixturePath, startFeedServer, SUPPORT_NL } from '../../support/rotation';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = at('2026-03-25T12:00:00Z');
const DAY = 86_400_000;

const cli = (dataDir: string, argv: string[]) => runPiket(['--data-dir', dataDir, ...argv], NOW);

async function report(dataDir: string, argv: string[]): Promise<OnCallReport> {
  const run = await cli(dataDir, ['oncall', '--json', ...argv]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as OnCallReport;
}

async function schedules(dataDir: string): Promise<ScheduleView[]> {
  const run = await cli(dataDir, ['schedule', 'list', '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ScheduleView[];
}

/** Saves a schedule made in Piket through the API (the CLI has no editor), as the owner of the folder. */
async function saveLocal(dataDir: string): Promise<void> {
  const piket = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
  try {
    await piket.handlers.saveSchedule({ schedule: SUPPORT_NL });
  } finally {
    piket.close();
  }
}

let feeds: string;
beforeAll(async () => {
  feeds = tempDir();
  for (const prefix of ['01', '03', '04', '07', '08', '11']) {
    const run = await cli(feeds, ['schedule', 'import-ics', fixturePath(prefix), '--name', `f${prefix}`]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Imported "f${prefix}" from ${fixturePath(prefix)} \\(`));
  }
});

describe('piket oncall --at on real feeds', () => {
  it.each([
    // 03, Grafana OnCall export: handoffs at 12:00 Chicago time on both sides of each change.
    ['03', '2021-11-06T11:59-05:00', ['justin.hunthrop@grafana.com']], // CDT, the day before
    ['03', '2021-11-06T12:00-05:00', ['amixr']],
    ['03', '2021-11-07T01:30-05:00', ['justin.hunthrop@grafana.com']], // the first of the two 01:30s
    ['03', '2021-11-07T11:59-06:00', ['justin.hunthrop@grafana.com']], // CST, the day of the change
    ['03', '2021-11-07T12:00-06:00', ['amixr']],
    ['03', '2022-03-12T11:59-06:00', ['justin.hunthrop@grafana.com']],
    ['03', '2022-03-13T03:30-05:00', ['justin.hunthrop@grafana.com']], // just after the skipped hour
    ['03', '2022-03-13T12:00-05:00', ['amixr']],
    // 04, weekly 13:00–13:30 Madrid time, across the spring change.
    ['04', '2022-03-23T13:15+01:00', ['testing']],
    ['04', '2022-03-30T13:15+02:00', ['testing']],
    ['04', '2022-03-30T12:15Z', []], // 14:15 CEST: over
    ['04', '2022-03-30T13:15+01:00', []], // 13:15 at the winter offset is 14:15 CEST: over
    // 01: the override of the 27th replaces the daily shift.
    ['01', '2021-01-26T10:00Z', ['Bernard Desruisseaux']],
    ['01', '2021-01-27T10:00Z', ['Bob']],
    ['01', '2021-01-26T17:00Z', []],
    // 07 and 08, Google Calendar rotations: overrides that swap and move turns, and an EXDATE.
    ['07', '2022-12-20T12:00Z', ['hsingh']],
    ['07', '2023-03-28T12:00Z', ['krosylight']],
    ['07', '2020-09-01T12:00Z', ['sgiesecke']],
    ['08', '2020-09-05T12:00Z', ['Florian Strugariu']],
    ['08', '2020-09-12T12:00Z', ['Kimberly Sereduck']],
    ['08', '2021-11-06T12:00Z', ['Andrej Glavic']],
  ])('%s at %s: %j', async (prefix, instant, people) => {
    const answer = await report(feeds, ['--schedule', `f${prefix}`, '--at', instant]);
    expect(answer.schedules).toHaveLength(1);
    expect(answer.schedules[0]!.entries.map((entry) => entry.person).sort()).toEqual(people);
  });

  it('prints each entry on the feed’s clock, across the March change in Los Angeles', async () => {
    const run = await cli(feeds, ['oncall', '--schedule', 'F07', '--at', '2023-03-15T12:00Z']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('f07 (America/Los_Angeles, feed as of 2026-03-25 ');
    expect(run.stdout).toMatch(
      /on call {2}jstutte {2}from 2023-03-12 00:00 -08:00.* until 2023-03-26 00:00 -07:00/,
    );
  });

  it('gives every schedule without --schedule, and a feed entry’s summary, attendees and person in --json', async () => {
    const answer = await report(feeds, ['--at', '2025-08-01T00:00Z']);
    expect(answer.schedules.map((s) => s.name)).toEqual(['f01', 'f03', 'f04', 'f07', 'f08', 'f11']);
    expect(answer.schedules.at(-1)!.entries).toEqual([
      expect.objectContaining({
        person: 'Jane Doe',
        summary: 'On Call - Jane Doe - On-Call Team',
        attendees: [{ name: null, email: 'jane@example.com' }],
        start: expect.objectContaining({ at: at('2025-07-31T15:00:00Z') }),
      }),
    ]);
  });

  it('lists the schedules with their zone, "as of" time and who is on call now', async () => {
    const run = await cli(feeds, ['schedule', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name +kind +zone +as of +on call now +problem$/);
    expect(lines.find((line) => line.startsWith('f07 '))).toMatch(
      /^f07 +feed +America\/Los_Angeles +2026-03-25 /,
    );
    expect((await schedules(feeds)).map((view) => [view.name, view.asOf, view.lastError])).toEqual(
      ['f01', 'f03', 'f04', 'f07', 'f08', 'f11'].map((name) => [name, NOW, null]),
    );
  });
});

describe('piket oncall on a schedule made in Piket', () => {
  it('answers per layer on the night the clocks go forward, and shows an override', async () => {
    const dataDir = tempDir();
    await saveLocal(dataDir);
    const night = await cli(dataDir, [
      'oncall',
      '--schedule',
      'support nl',
      '--at',
      '2026-03-29T03:30+02:00',
    ]);
    expect(night).toMatchObject({ code: 0, stderr: '' });
    expect(night.stdout).toContain('Support NL (Europe/Amsterdam, made in Piket)');
    expect(night.stdout).toMatch(
      /on call +Jane Doe <jane@example\.com> +since 2026-03-28 08:00 \+01:00.* +until 2026-03-29 18:00 \+02:00/,
    );
    expect(night.stdout).toMatch(
      /Primary +Jane Doe <jane@example\.com> \+31 6 1234 5678 +since 2026-03-23 09:00 \+01:00.* +until 2026-03-30 09:00 \+02:00/,
    );
    expect(night.stdout).toMatch(
      /Nights +Jane Doe .*since 2026-03-28 18:00 \+01:00.* +until 2026-03-29 08:00 \+02:00/,
    );

    const covered = await report(dataDir, ['--at', '2026-03-31T10:30+02:00']);
    expect(covered.schedules[0]!.final).toMatchObject({
      member: { name: 'Kim de Wit' },
      source: 'override',
      since: { local: '2026-03-31T10:00+02:00' },
      until: { local: '2026-03-31T14:00+02:00' },
    });
    expect(
      covered.schedules[0]!.layers.map((layer) => [layer.layerName, layer.member?.name ?? null]),
    ).toEqual([
      ['Primary', 'Sam Smit'],
      ['Nights', null],
    ]);
  });
});

describe('export-ics, then import-ics', () => {
  it('gives the same final schedule', async () => {
    const dataDir = tempDir();
    await saveLocal(dataDir);
    const file = join(tempDir(), 'support-nl.ics');
    const exported = await cli(dataDir, ['schedule', 'export-ics', 'Support NL', '--out', file]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toMatch(
      /^Wrote \d+ shifts of "Support NL" \(2026-03-18 .* to 2026-06-23 .*\) to /,
    );
    const printed = await cli(dataDir, ['schedule', 'export-ics', 'Support NL']);
    expect(printed.stdout).toBe(readFileSync(file, 'utf8'));
    expect(printed.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(await cli(dataDir, ['schedule', 'import-ics', file, '--name', 'Copy'])).toMatchObject({
      code: 0,
      stderr: '',
    });

    const piket = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
    try {
      const final = finalSchedule(SUPPORT_NL, NOW - 7 * DAY, NOW + 90 * DAY);
      expect(final.entries.length).toBeGreaterThan(150);
      const probes = [
        ...final.entries.flatMap((entry) => [
          entry.start,
          Math.floor((entry.start + entry.end) / 2),
          entry.end - 1,
        ]),
        ...final.gaps.map((gap) => Math.floor((gap.start + gap.end) / 2)),
      ];
      for (const instant of probes) {
        const answer = await piket.handlers.getOnCall({ at: instant });
        const [copy, original] = answer.schedules;
        expect([copy!.name, original!.name]).toEqual(['Copy', 'Support NL']);
        const expected = original!.final!.member ? [original!.final!.member.name] : [];
        expect(
          copy!.entries.map((entry) => entry.person),
          new Date(instant).toISOString(),
        ).toEqual(expected);
        expect(copy!.entries.map((entry) => entry.attendees[0]?.email)).toEqual(
          original!.final!.member ? [original!.final!.member.email] : [],
        );
      }
    } finally {
      piket.close();
    }
  });
});

describe('while another Piket owns the data folder', () => {
  it('imports through that Piket, which shows the new schedule at once', async () => {
    const dataDir = tempDir();
    const owner = openPiketService({
      dataDir,
      version: 'test',
      role: 'web',
      clock: createFakeClock(NOW),
      syncIntervalMs: 3_600_000,
    });
    try {
      await owner.start();
      const seen: string[][] = [];
      owner.on('schedulesChanged', (views) => seen.push(views.map((view) => view.name)));
      const run = await cli(dataDir, ['schedule', 'import-ics', fixturePath('10'), '--name', 'Dublin']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(seen).toEqual([['Dublin']]);
      expect((await owner.handlers.listSchedules({})).map((view) => view.name)).toEqual(['Dublin']);
      const answer = await report(dataDir, ['--at', '2019-03-10T12:00Z']);
      expect(answer.schedules[0]!.entries.map((entry) => entry.person)).toEqual(['A B']);
    } finally {
      owner.close();
    }
  });
});

describe('bad input gets a clear message and loses nothing', () => {
  it('a broken ICS file: exit code 2, the line, and the schedules stay as they were', async () => {
    const dataDir = tempDir();
    await cli(dataDir, ['schedule', 'import-ics', fixturePath('04'), '--name', 'Madrid']);
    const broken = join(tempDir(), 'broken.ics');
    writeFileSync(broken, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\n');
    const before = await schedules(dataDir);
    const run = await cli(dataDir, ['schedule', 'import-ics', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^piket: .*broken\.ics is not an iCalendar feed Piket can read: The file ends inside BEGIN:VEVENT from line 3: it is cut off or incomplete\.\n/,
    );
    expect(await schedules(dataDir)).toEqual(before);
  });

  it('a refresh that fails: exit code 1, the stored feed still answers, and the list shows the problem', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'madrid.ics');
    writeFileSync(file, readFileSync(fixturePath('04'), 'utf8'));
    await cli(dataDir, ['schedule', 'import-ics', file, '--name', 'Madrid']);
    writeFileSync(file, 'this is not a calendar');
    const run = await cli(dataDir, ['schedule', 'refresh', 'Madrid']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^piket: "Madrid" was not refreshed: .* Piket keeps showing it as of 2026-03-25 /,
    );
    const answer = await report(dataDir, ['--schedule', 'Madrid', '--at', '2022-03-30T13:15+02:00']);
    expect(answer.schedules[0]).toMatchObject({
      asOf: NOW,
      lastError: expect.stringMatching(/not an iCalendar/),
    });
    expect(answer.schedules[0]!.entries.map((entry) => entry.person)).toEqual(['testing']);
    expect((await cli(dataDir, ['schedule', 'list'])).stdout).toMatch(
      /Madrid .* refresh failed: .*not an iCalendar/,
    );
  });

  it('an unreachable URL, and a feed URL that answers 404: exit code 1 and nothing stored', async () => {
    const dataDir = tempDir();
    const server = await startFeedServer('Not Found');
    server.answer = { status: 404, body: 'Not Found' };
    try {
      const missing = await cli(dataDir, ['schedule', 'import-ics', server.url]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^piket: 127\.0\.0\.1:\d+ answered 404 Not Found for the feed http:/);
    } finally {
      await server.close();
    }
    const gone = await cli(dataDir, ['schedule', 'import-ics', server.url]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(
      /^piket: 127\.0\.0\.1:\d+ cannot be reached: nothing answers there \(ECONNREFUSED\)\.\n$/,
    );
    expect(await schedules(dataDir)).toEqual([]);
  });

  it('a schedule name that does not exist: exit code 1, naming the schedules there are', async () => {
    for (const argv of [
      ['oncall', '--schedule', 'Nope'],
      ['schedule', 'export-ics', 'Nope'],
      ['schedule', 'refresh', 'Nope'],
    ]) {
      const run = await cli(feeds, argv);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toBe(
        'piket: There is no schedule named "Nope" (schedules: "f01", "f03", "f04", "f07", "f08", "f11").\n',
      );
    }
  });

  it.each([
    ['tomorrow', 'not "tomorrow"'],
    ['2026-03-29T09:00', 'not "2026-03-29T09:00"'],
    ['2026-02-30T09:00Z', '"2026-02-30T09:00Z" is not a real date and time'],
    ['2026-03-29T24:00+02:00', '"2026-03-29T24:00+02:00" is not a real date and time'],
  ])('an --at of %j: exit code 2 and what to write instead', async (value, problem) => {
    const run = await cli(feeds, ['oncall', '--at', value]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      `piket: --at takes an instant in ISO 8601 with an offset or Z, e.g. 2026-03-29T09:00+02:00 or 2026-03-29T07:00Z; ${problem}.\nRun "piket --help" for usage.\n`,
    );
  });

  it('says how to start when there are no schedules', async () => {
    const dataDir = tempDir();
    for (const argv of [['oncall'], ['schedule', 'list']]) {
      expect(await cli(dataDir, argv)).toEqual({
        code: 0,
        stdout: 'No schedules. Import one with "piket schedule import-ics FILE|URL".\n',
        stderr: '',
      });
    }
  });
});
