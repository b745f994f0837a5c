// A Notifier for tests: records every notice it is handed and answers with scripted outcomes (then `shown`).
import type { AlertNotice, DeliveryOutcome, Notifier } from '../../src/alerts/notifier';

export class RecordingNotifier implements Notifier {
  readonly channel = 'desktop';
  readonly notices: AlertNotice[] = [];
  /** Outcomes to answer, in order; `shown` once they run out. */
  readonly script: DeliveryOutcome[] = [];
  /** What problem() reports. */
  trouble: string | null = null;

  async notify(notice: AlertNotice): Promise<DeliveryOutcome> {
    this.notices.push(notice);
    return this.script.shift() ?? 'shown';
  }

  problem(): string | null {
    return this.trouble;
  }
}
