// The one contract between the UI and the core: view types, method results, events and the PiketApi interface.
import type { ContactPerson, Priority, TicketKind, TicketStatus } from '../domain/ticket';
import type { Result } from './result';
import type { LanguageSetting, MethodName } from './methods';
import type { ArgsIn, ArgsOut } from './schemas';

export interface TicketSummary {
  id: number;
  source: string;
  externalId: string;
  customerId: string;
  customerName: string;
  subject: string;
  priority: Priority;
  status: TicketStatus;
  kind: TicketKind;
  cveId: string | null;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
  hasPending: boolean;
}

export interface NoteView {
  id: number;
  author: string;
  body: string;
  public: boolean;
  createdAt: number;
}

export interface CustomerSummary {
  id: string;
  source: string;
  name: string;
  tam: ContactPerson | null;
  leadEngineer: ContactPerson | null;
  uptimePromise: string | null;
  timeZone: string;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  severity: string | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  notes: NoteView[];
  customer: CustomerSummary;
}

export interface QueuePage {
  tickets: TicketSummary[];
  hasMore: boolean;
}

export interface QueueStats {
  open: number;
  byPriority: Record<Priority, number>;
  mine: number;
}

export type SyncState = 'idle' | 'syncing' | 'error';

export interface SyncStatus {
  state: SyncState;
  lastSyncAt: number | null;
  message: string | null;
}

export interface Settings {
  language: LanguageSetting;
  me: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  demoEnabled: boolean;
  settings: Settings;
  sync: SyncStatus;
  /** Things the user must know from start-up, e.g. that a damaged database was moved aside. */
  notices: string[];
}

/** The result type of every method. */
export interface MethodResults {
  getInfo: AppInfo;
  listQueue: QueuePage;
  getQueueStats: QueueStats;
  getTicket: TicketDetail;
  listCustomers: CustomerSummary[];
  syncNow: SyncStatus;
  setDemoEnabled: AppInfo;
  getSettings: Settings;
  updateSettings: Settings;
}

/** Events pushed from the core to every UI. */
export interface PiketEvents {
  queueChanged: { ticketIds: number[] };
  syncStatus: SyncStatus;
  settingsChanged: Settings;
}
export type EventName = keyof PiketEvents;
export const EVENT_NAMES: readonly EventName[] = ['queueChanged', 'syncStatus', 'settingsChanged'];

export type Unsubscribe = () => void;
export type EventListener<E extends EventName> = (payload: PiketEvents[E]) => void;

/** The API as the UI sees it: every call resolves to a Result, never throws. */
export type PiketApi = {
  [M in MethodName]: (args: ArgsIn<M>) => Promise<Result<MethodResults[M]>>;
} & {
  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
};

/** The API as the core implements it: validated arguments in, plain values out (failures throw ApiFailure). */
export type PiketHandlers = {
  [M in MethodName]: (args: ArgsOut<M>) => Promise<MethodResults[M]> | MethodResults[M];
};
