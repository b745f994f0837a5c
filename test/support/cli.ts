// Runs the `piket` CLI in-process at a fixed instant and collects what it printed, for the CLI tests.
import { runCli } from '../../src/cli/run';
import { createFakeClock } from './fake-clock';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stdin` is what the command reads from standard input (a note given as "-"). */
export async function runPiket(argv: string[], now: number, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      stdin: () => Promise.resolve(stdin),
    },
    { clock: createFakeClock(now) },
  );
  return { code, stdout, stderr };
}
