// Entry point of the `piket` binary: runs the CLI with the process's arguments and streams.
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
process.exitCode = code;
