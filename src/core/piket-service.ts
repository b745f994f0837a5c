// PiketService: wires the core for one data folder — its store, sync, SLA tracker and the capability modules whose
// handlers make up the API — and, as the folder's owner, the control socket other Piket processes call.
import type {
  AppInfo,
  EventListener,
  EventName,
  PiketHandlers,
  SlaAlert,
  Unsubscribe,
} from '../api/contract';
import type { Clock, TimerHandle } from '../domain/clock';
import { controlSocketPath } from '../control/endpoint';
import { startControlServer, type ControlServer } from '../control/control-server';
import { CONNECTOR_KINDS } from '../connectors/registry';
import { watchNetwork, type NetworkWatch } from '../platform/network-watch';
import type { Keychain } from '../platform/secrets';
import { createSystemClock } from '../platform/system-clock';
import type { Notifier } from '../alerts/notifier';
import { AlertDeliveries } from '../store/alert-deliveries';
import { AlertLog } from '../store/alert-log';
import { OutboxStore } from '../store/outbox-store';
import { OverviewQueries } from '../store/overview-queries';
import { PullStore } from '../store/pull-store';
import { SettingsStore } from '../store/settings-store';
import { TicketStore } from '../store/ticket-store';
import { PullSync } from '../sync/pull-sync';
import { actionsHandlers } from './actions';
import { Alerts, alertsHandlers } from './alerts';
import { Connections } from './connections';
import { CoreScheduler } from './core-scheduler';
import { ActiveContracts, contractsHandlers } from './contracts';
import { openDataFolder } from './data-folder';
import { DEFAULT_DEMO_SEED, demoConnectors, demoHandlers } from './demo';
import { Escalation } from './escalation';
import { EventHub } from './event-hub';
import { OverviewWatch } from './overview';
import { queueHandlers } from './queue';
import { Rotation } from './rotation';
import { refuseWrites } from './read-only';
import { isDemoEnabled, readSettings, settingsHandlers } from './settings';
import { SlaTracker } from './sla-tracker';

export { StartupError } from './data-folder';

const MAX_HELD_ALERTS = 200;
/** How long a wake waits for its sync before the recheck runs on what is stored. */
export const WAKE_SYNC_TIMEOUT_MS = 10_000;

export interface PiketServiceOptions {
  dataDir: string;
  version: string;
  /** Who runs it ('app', 'web', 'watch', 'cli'); named to other processes while this one owns the data folder. */
  role: string;
  clock?: Clock;
  /** Path of a better-sqlite3 binary built for the host's ABI (Electron passes its own). */
  sqliteNativeBinding?: string;
  demoSeed?: number;
  /** Fixes the time between two syncs, whatever the setting says (tests). */
  syncIntervalMs?: number;
  log?: (line: string) => void;
  /** When another Piket owns the data folder: refuse to start (hosts) or only read (the CLI). Default refuse. */
  whenLocked?: 'refuse' | 'read-only';
  /** Where connections read a token named by an environment variable; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** How the host gets the person's attention outside any window (SLA alerts, P1s); none: nobody is notified. */
  notifier?: Notifier;
  /** The desktop app's keychain (Electron safeStorage); browser mode and the CLI have none. */
  keychain?: Keychain | null;
}

export interface PiketService {
  readonly handlers: PiketHandlers;
  /** Why this instance only reads (another Piket owns the data folder), or null when it owns it. */
  readonly readOnlyReason: string | null;
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
  /**
   * Begins background syncing, the SLA deadline scheduler and the control socket (owner only); resolves once
   * other processes can reach it.
   */
  start(): Promise<void>;
  /** Hosts call this on a clock jump or a time-zone change: alerts, then a sync. */
  checkTime(): void;
  /**
   * Hosts call this on wake from sleep and on unlock: a sync first (at most WAKE_SYNC_TIMEOUT_MS), so tickets
   * resolved meanwhile do not alert on stale data, then the recheck, with what passed while asleep summed up.
   */
  wake(): Promise<void>;
  /** A notification was clicked: the UIs show this ticket (the openTicket event); null shows just the queue. */
  showTicket(ticketId: number | null): void;
  close(): void;
}

export function openPiketService(options: PiketServiceOptions): PiketService {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? createSystemClock();
  const folder = openDataFolder({
    dataDir: options.dataDir,
    role: options.role,
    whenLocked: options.whenLocked ?? 'refuse',
    nativeBinding: options.sqliteNativeBinding,
    log,
  });
  const { db, readOnlyReason } = folder;
  const owner = readOnlyReason === null;

  const tickets = new TicketStore(db, clock);
  const outbox = new OutboxStore(db, clock);
  const settings = new SettingsStore(db);
  const events = new EventHub((event, error) =>
    log(
      `A ${event} listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    ),
  );
  const contracts = new ActiveContracts(options.dataDir, owner, log);
  const deliveries = new AlertDeliveries(db);
  const notifier = owner ? (options.notifier ?? null) : null;
  const showTicket = (ticketId: number | null): void => void events.emit('openTicket', { ticketId });
  const rotation = new Rotation({ db, clock, events, me: () => myNames(), version: options.version });
  const alerts = new Alerts({
    deliveries,
    settings,
    notifier,
    clock,
    log,
    onClicked: showTicket,
    onCall: (at) => rotation.onCall(at),
  });
  // Alerts raised while no UI listens (browser tab closed, socket reconnecting) wait for the next listener.
  const heldAlerts: SlaAlert[] = [];
  const scheduler = new CoreScheduler({ clock, fired: new AlertLog(db), log });
  const sla = new SlaTracker({
    store: tickets,
    clock,
    scheduler,
    contracts: contracts.config,
    onAlerts: (raised) => {
      const shown = alerts.onSla(raised);
      if (shown.length === 0 || events.emit('slaAlerts', shown) > 0) return;
      heldAlerts.push(...shown);
      heldAlerts.splice(0, Math.max(0, heldAlerts.length - MAX_HELD_ALERTS));
    },
    onP1: (raised) => alerts.onP1(raised),
    log,
  });
  const demo = demoConnectors(settings, options.demoSeed ?? DEFAULT_DEMO_SEED, clock);
  const connections = new Connections({
    db,
    tickets,
    kinds: CONNECTOR_KINDS,
    secrets: {
      env: options.env ?? process.env,
      keychain: options.keychain ?? null,
      platform: process.platform,
    },
    clock,
    events,
    log,
    onChanged: () => {
      sla.recompute('open');
      void sync.syncNow();
    },
  });
  const sync = new PullSync({
    store: new PullStore(db, clock),
    outbox,
    clock,
    appVersion: options.version,
    connectors: () => [...demo(), ...connections.connectors()],
    intervalMs: () => options.syncIntervalMs ?? readSettings(settings).syncIntervalSeconds * 1000,
    onChanged: (ticketIds) => {
      sla.recompute(ticketIds);
      events.emit('queueChanged', { ticketIds });
    },
    onStatus: (status) => {
      if (status.state === 'error' && status.message) log(`sync: ${status.message}`);
      events.emit('syncStatus', status);
    },
    needsIdentity: (source) => connections.needsIdentity(source),
    onIdentity: (source, identity) => connections.rememberIdentity(source, identity),
  });
  const overview = new OverviewWatch({
    queries: new OverviewQueries(db),
    sync: () => sync.getStatus(),
    settings,
    snoozedUntil: (ticketId) => alerts.snoozedUntil(ticketId),
    onCallAt: (at) => rotation.onCallNow(at),
    clock,
    events,
  });
  for (const event of ['queueChanged', 'syncStatus', 'settingsChanged', 'schedulesChanged'] as const) {
    events.on(event, () => overview.changed());
  }
  const escalation = new Escalation({ sources: () => rotation.sources(), clock });
  const me = () => readSettings(settings).me;
  const myNames = () => [...new Set([me(), ...connections.identityNames()])];

  const info = (): AppInfo => ({
    version: options.version,
    dataDir: options.dataDir,
    demoEnabled: isDemoEnabled(settings),
    settings: readSettings(settings),
    sync: sync.getStatus(),
    notices: folder.notices,
  });
  const allHandlers = {
    getInfo: info,
    syncNow: () => sync.syncNow(),
    ...queueHandlers({ tickets, outbox, sla, escalation, me: myNames }),
    ...actionsHandlers({
      tickets,
      outbox,
      sla,
      escalation,
      events,
      clock,
      meFor: (source) => connections.identityName(source) ?? me(),
      changeMade: (source) => sync.changeMade(source),
    }),
    ...settingsHandlers(settings, events, clock),
    ...contractsHandlers({ contracts, sla, tickets, events }),
    ...demoHandlers({ settings, sync, tickets, sla, events, info }),
    ...connections.handlers(),
    ...alertsHandlers({ alerts, overview, deliveries, notifier, clock, platform: process.platform }),
    ...rotation.handlers(),
  } satisfies PiketHandlers;
  const handlers = owner ? allHandlers : refuseWrites(allHandlers, readOnlyReason);

  let control: ControlServer | null = null;
  let network: NetworkWatch | null = null;
  let closed = false;
  return {
    handlers,
    readOnlyReason,
    on: (event, listener) => {
      const unsubscribe = events.on(event, listener);
      if (event === 'slaAlerts' && heldAlerts.length > 0) {
        (listener as EventListener<'slaAlerts'>)(heldAlerts.splice(0));
      }
      return unsubscribe;
    },
    start: async () => {
      if (!owner || closed) return;
      alerts.start();
      sla.start();
      scheduler.start();
      overview.start();
      sync.start();
      network = watchNetwork(clock, () => void sync.wake());
      try {
        control = await startControlServer({ path: controlSocketPath(options.dataDir), handlers, log });
      } catch (error) {
        log(`The control socket did not start, so piket commands cannot reach this Piket: ${String(error)}`);
        return;
      }
      if (closed) return control.close();
      folder.publish(control.endpoint);
    },
    checkTime: () => {
      scheduler.checkNow();
      if (owner) sync.wake();
    },
    wake: async () => {
      if (!owner || closed) return;
      const finish = alerts.gatherSlept();
      let timer: TimerHandle | null = null;
      const timeout = new Promise<void>((resolve) => {
        timer = clock.setTimer(resolve, WAKE_SYNC_TIMEOUT_MS);
      });
      await Promise.race([
        sync.syncNow().then(
          () => undefined,
          () => undefined,
        ),
        timeout,
      ]);
      if (timer) clock.clearTimer(timer);
      if (!closed) scheduler.checkNow();
      finish();
    },
    showTicket,
    close: () => {
      if (closed) return;
      closed = true;
      control?.close();
      network?.stop();
      sync.close();
      scheduler.stop();
      overview.stop();
      alerts.close();
      folder.close();
    },
  };
}
