// Runs the `piket` CLI in-process at a fixed instant and collects what it printed, for the CLI tests.
import { runCli } from '../../src/cli/run';
import { createFakeClock } from './fake-clock';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runPiket(argv: string[], now: number): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) },
    { clock: createFakeClock(now) },
  );
  return { code, stdout, stderr };
}
