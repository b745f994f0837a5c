// PiketService: opens the store, runs the sync, and implements every API method once, for all hosts.
import { join } from 'node:path';
import type {
  AppInfo,
  ContractsView,
  EventListener,
  EventName,
  PiketHandlers,
  SlaAlert,
  Unsubscribe,
} from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { Clock } from '../domain/clock';
import type { Connector } from '../connectors/connector';
import { createDemoDesk } from '../connectors/demo/demo-desk';
import { createSystemClock } from '../platform/system-clock';
import { acquireInstanceLock, type InstanceLock } from '../platform/instance-lock';
import { DATABASE_FILE } from '../platform/paths';
import { DEFAULT_CONTRACTS, type ContractsConfig } from '../sla/contracts';
import { AlertLog } from '../store/alert-log';
import { closeDatabase, openDatabase, StoreError } from '../store/database';
import { SettingsStore } from '../store/settings-store';
import { TicketStore } from '../store/ticket-store';
import { PullSync } from '../sync/pull-sync';
import { contractsPath, loadContractsFile } from './contracts-file';
import { EventHub } from './event-hub';
import { isDemoEnabled, readSettings, setDemoEnabledSetting, writeSettings } from './settings';
import { SlaTracker } from './sla-tracker';

export const DEMO_SOURCE = 'demo';
const DEFAULT_DEMO_SEED = 20261126;
const DEFAULT_SYNC_INTERVAL_MS = 30_000;
const MAX_HELD_ALERTS = 200;

/** A failure to start that the user can act on; its message is meant to be shown as is. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface PiketServiceOptions {
  dataDir: string;
  version: string;
  clock?: Clock;
  /** Path of a better-sqlite3 binary built for the host's ABI (Electron passes its own). */
  sqliteNativeBinding?: string;
  demoSeed?: number;
  syncIntervalMs?: number;
  log?: (line: string) => void;
  /** When another Piket holds the data folder: refuse to start (hosts) or only read (the CLI). Default refuse. */
  whenLocked?: 'refuse' | 'read-only';
}

export interface PiketService {
  readonly handlers: PiketHandlers;
  /** Why this instance only reads (another Piket owns the data folder), or null when it syncs. */
  readonly readOnlyReason: string | null;
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
  /** Begins background syncing and the SLA deadline scheduler. */
  start(): void;
  /** Hosts call this on wake from sleep, unlock, a clock jump or a time-zone change. */
  checkTime(): void;
  close(): void;
}

export function openPiketService(options: PiketServiceOptions): PiketService {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? createSystemClock();
  const dbFile = join(options.dataDir, DATABASE_FILE);
  // The lock comes first: only the owner of the folder may migrate, repair or move its database aside.
  const lock = takeLock(options.dataDir, options.whenLocked ?? 'refuse');
  let opened: ReturnType<typeof openDatabase>;
  try {
    opened = openDatabase(dbFile, { nativeBinding: options.sqliteNativeBinding });
  } catch (error) {
    if (lock.acquired) lock.release();
    if (error instanceof StoreError) throw new StartupError(error.message);
    throw error;
  }
  const { db, movedAsideTo } = opened;
  const readOnlyReason = lock.acquired
    ? null
    : `Another Piket (process ${lock.ownerPid}) is running with this data folder; it does the syncing.`;
  const notices: string[] = [];
  if (movedAsideTo) {
    const notice = `The database at ${dbFile} was damaged. It was moved aside to ${movedAsideTo} (nothing was deleted) and a fresh one was created; tickets are synced again from their sources.`;
    notices.push(notice);
    log(notice);
  }

  const tickets = new TicketStore(db);
  const settingsStore = new SettingsStore(db);
  const events = new EventHub((event, error) =>
    log(
      `A ${event} listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    ),
  );
  const demoDesk = createDemoDesk({
    seed: options.demoSeed ?? DEFAULT_DEMO_SEED,
    clock,
    source: DEMO_SOURCE,
  });
  const connectors = (): Connector[] => (isDemoEnabled(settingsStore) ? [demoDesk] : []);

  const contractsFile = contractsPath(options.dataDir);
  let contracts: ContractsConfig = DEFAULT_CONTRACTS;
  let contractsError: string | null = null;
  const loadContracts = (): void => {
    const loaded = loadContractsFile(contractsFile);
    if (loaded.ok) {
      contracts = loaded.config;
      contractsError = null;
    } else {
      contractsError = loaded.error;
      log(`contracts: ${loaded.error}`);
    }
  };
  loadContracts();
  // Alerts raised while no UI listens (browser tab closed, socket reconnecting) wait for the next listener.
  const heldAlerts: SlaAlert[] = [];
  const sla = new SlaTracker({
    store: tickets,
    clock,
    fired: new AlertLog(db),
    contracts,
    onAlerts: (alerts) => {
      if (events.emit('slaAlerts', alerts) > 0) return;
      heldAlerts.push(...alerts);
      heldAlerts.splice(0, Math.max(0, heldAlerts.length - MAX_HELD_ALERTS));
    },
    log,
  });
  const contractsView = (): ContractsView => ({
    file: contractsFile,
    error: contractsError,
    config: contracts,
    customers: tickets.listCustomers().map((customer) => ({
      customerId: customer.id,
      customerName: customer.name,
      policy: sla.policyName(customer.id),
    })),
  });

  const sync = new PullSync({
    store: tickets,
    clock,
    connectors,
    intervalMs: options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS,
    onChanged: (ticketIds) => {
      sla.recompute(ticketIds);
      events.emit('queueChanged', { ticketIds });
    },
    onStatus: (status) => {
      if (status.state === 'error' && status.message) log(`sync: ${status.message}`);
      events.emit('syncStatus', status);
    },
  });

  const info = (): AppInfo => ({
    version: options.version,
    dataDir: options.dataDir,
    demoEnabled: isDemoEnabled(settingsStore),
    settings: readSettings(settingsStore),
    sync: sync.getStatus(),
    notices,
  });

  const handlers: PiketHandlers = {
    getInfo: info,
    listQueue: (query) => {
      const page = tickets.listQueue(query, readSettings(settingsStore).me);
      return { tickets: page.tickets.map((ticket) => sla.summarize(ticket)), hasMore: page.hasMore };
    },
    getQueueStats: () => tickets.getQueueStats(readSettings(settingsStore).me),
    getTicket: ({ id }) => {
      const ticket = tickets.getTicket(id);
      if (!ticket)
        throw new ApiFailure('not_found', `Ticket ${id} does not exist (it may have been removed).`);
      return sla.detail(ticket);
    },
    listCustomers: () => tickets.listCustomers(),
    syncNow: () =>
      readOnlyReason === null ? sync.syncNow() : { state: 'idle', lastSyncAt: null, message: readOnlyReason },
    setDemoEnabled: async ({ enabled }) => {
      setDemoEnabledSetting(settingsStore, enabled);
      if (enabled) {
        await sync.syncNow();
      } else {
        await sync.whenIdle();
        // Turned back on while the round finished: keep the data.
        if (isDemoEnabled(settingsStore)) return info();
        tickets.removeSource(DEMO_SOURCE);
        sla.recompute('open');
        events.emit('queueChanged', { ticketIds: [] });
      }
      return info();
    },
    getSettings: () => readSettings(settingsStore),
    updateSettings: (changes) => {
      const settings = writeSettings(settingsStore, changes);
      events.emit('settingsChanged', settings);
      if (changes.me !== undefined) events.emit('queueChanged', { ticketIds: [] });
      return settings;
    },
    getContracts: contractsView,
    reloadContracts: () => {
      const previous = contracts;
      loadContracts();
      if (contracts !== previous) sla.setContracts(contracts);
      const view = contractsView();
      events.emit('contractsChanged', view);
      events.emit('queueChanged', { ticketIds: [] });
      return view;
    },
  };

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
    start: () => {
      if (readOnlyReason !== null) return;
      sla.start();
      sync.start();
    },
    checkTime: () => sla.checkNow(),
    close: () => {
      if (closed) return;
      closed = true;
      sync.close();
      sla.stop();
      closeDatabase(db);
      if (lock.acquired) lock.release();
    },
  };
}

/** Takes the data folder's instance lock; when another Piket holds it, refuses to start or goes read-only. */
function takeLock(dataDir: string, whenLocked: 'refuse' | 'read-only'): InstanceLock {
  let lock: InstanceLock;
  try {
    lock = acquireInstanceLock(dataDir);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw new StartupError(
      `Piket cannot use the data folder ${dataDir}${reason}. Check its permissions, or point Piket at another data folder.`,
    );
  }
  if (!lock.acquired && whenLocked === 'refuse') {
    throw new StartupError(
      `Piket is already running with the data folder ${dataDir} (process ${lock.ownerPid}). Use that one, or start this one with another data folder.`,
    );
  }
  return lock;
}
