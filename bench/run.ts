// `npm run bench`: runs every benchmark suite and writes their figures as JSON (to --out FILE, or stdout).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAlertsBench } from './alerts.bench';
import { runCalendarBench } from './calendar.bench';
import { runClocksBench } from './clocks.bench';
import type { BenchResult } from './result';
import { runStoreBench } from './store.bench';
import { runSyncBench } from './sync.bench';

type Suite = { name: string; run: () => Promise<BenchResult[]> };

const suites: Suite[] = [
  { name: 'store', run: runStoreBench },
  { name: 'calendar', run: runCalendarBench },
  { name: 'clocks', run: runClocksBench },
  { name: 'sync', run: runSyncBench },
  { name: 'alerts', run: runAlertsBench },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' } } });
  const results: BenchResult[] = [];
  for (const suite of suites) {
    if (values.only && suite.name !== values.only) continue;
    process.stderr.write(`bench: ${suite.name}…\n`);
    results.push(...(await suite.run()));
  }
  const json = JSON.stringify(results, null, 2) + '\n';
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(json);
}

await main();
