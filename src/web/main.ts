// `npm run web`: starts Piket in browser mode on 127.0.0.1 and prints the link with its per-launch token.
import { fileURLToPath } from 'node:url';
import { createDesktopNotifier } from '../platform/desktop-notifier';
import { openPiketService, StartupError } from '../core/piket-service';
import { openInBrowser } from '../platform/open-in-browser';
import { parseCommandLine, parsePort, UsageError } from '../platform/command-line';
import { defaultDataDir } from '../platform/paths';
import { PIKET_VERSION } from '../platform/version';
import { startWebHost } from './web-host';

const USAGE = `Usage: npm run web -- [options]

Runs Piket in your browser. Only this computer can connect (127.0.0.1), and only with the link printed at start.

Options:
  --port <n>        port to listen on (default: a free port)
  --data-dir <dir>  where Piket keeps its data (default: ${defaultDataDir()})
  --open            also open the link in your default browser
  -h, --help        show this help
`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = parsePort(values.port, 0);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const service = openPiketService({
    dataDir,
    version: PIKET_VERSION,
    role: 'web',
    log,
    notifier: createDesktopNotifier(log),
  });
  const host = await startWebHost({
    service,
    port,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    log,
  }).catch((error: unknown) => {
    service.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`Port ${port} is already in use; pick another with --port.`);
    throw error;
  });
  await service.start();
  process.stdout.write(
    `Piket ${PIKET_VERSION} is running at ${host.url}\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`,
  );

  if (values.open) {
    openInBrowser(host.url, {
      onFailure: (reason) =>
        process.stdout.write(`Could not open your browser (${reason}); open the link above yourself.\n`),
    });
  }

  // `on`, not `once`: a second Ctrl+C (or the one `npm start` passes on) must not cut the close short.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  await host.close();
  service.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`piket web: ${error.message}\nRun "npm run web -- --help" for usage.\n`);
      process.exit(2);
    }
    if (error instanceof StartupError) {
      process.stderr.write(`piket web: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `piket web: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
