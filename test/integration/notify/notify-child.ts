// Runs the real desktop Notifier once in a process of its own, so notify-send inherits this process's environment
// (the test's X display and D-Bus session). The notice comes as JSON in argv[2]; prints the outcome and what the
// Notifier logged as one JSON line.
import type { AlertNotice } from '../../../src/alerts/notifier';
import { createDesktopNotifier } from '../../../src/platform/desktop-notifier';

export interface ChildReport {
  outcome: string;
  log: string[];
}

const notice = JSON.parse(process.argv[2]!) as AlertNotice;
const log: string[] = [];
const outcome = await createDesktopNotifier((line) => log.push(line)).notify(notice);
process.stdout.write(`${JSON.stringify({ outcome, log } satisfies ChildReport)}\n`);
