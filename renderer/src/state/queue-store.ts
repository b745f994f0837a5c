// The queue: the view ("Needs me now" or the full queue) and its sort, filters, the loaded pages of tickets, the
// selection, header counts and the customer list.
import { create } from 'zustand';
import {
  DEFAULT_QUEUE_SORT,
  type CustomerSummary,
  type QueueSort,
  type QueueStats,
  type QueueView,
  type Settings,
  type TicketSummary,
} from '../../../src/api';
import type { Priority, TicketStatus } from '../../../src/domain/ticket';
import { api } from '../api';
import { useAppStore } from './app-store';
import { readFromStart, type QueueArgs } from './queue-reader';

interface QueueFilters {
  priorities: Priority[];
  statuses: TicketStatus[];
  customerIds: string[];
  mine: boolean;
  scope: 'open' | 'all';
  search: string;
}

const EMPTY_FILTERS: QueueFilters = {
  priorities: [],
  statuses: [],
  customerIds: [],
  mine: false,
  scope: 'open',
  search: '',
};

/** Whether the filters narrow the view; the open/all scope belongs to the full queue only. */
export function isFiltered(filters: QueueFilters, view: QueueView): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof QueueFilters)[]).some(
    (key) =>
      (key !== 'scope' || view === 'queue') &&
      JSON.stringify(filters[key]) !== JSON.stringify(EMPTY_FILTERS[key]),
  );
}

/** What a first start shows: "Needs me now", each view in the on-call order. */
const DEFAULT_VIEW: QueueView = 'needsMe';
const DEFAULT_SORTS: Record<QueueView, QueueSort> = {
  needsMe: DEFAULT_QUEUE_SORT,
  queue: DEFAULT_QUEUE_SORT,
};

const PAGE_SIZE = 200;

interface QueueState {
  view: QueueView;
  /** The sort of each view, as the settings remember it. */
  sorts: Record<QueueView, QueueSort>;
  /** False until `load` has taken the view and sorts from the settings; nothing is read before. */
  started: boolean;
  filters: QueueFilters;
  tickets: TicketSummary[];
  /** Where the next page starts; null when every row is loaded. */
  nextCursor: string | null;
  /** True until the first page for the current filters has arrived (or failed); the old rows stay meanwhile. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  selectedId: number | null;
  stats: QueueStats | null;
  customers: CustomerSummary[];
  /** Reads the first page again; the first time, in the view and sorts the settings remember (defaults without). */
  load(settings: Settings | null): Promise<void>;
  /** Shows a view and remembers it as the one to open with next time. */
  setView(view: QueueView): void;
  /** Sorts the current view and remembers that view's sort. */
  setSort(sort: QueueSort): void;
  setFilters(patch: Partial<QueueFilters>): void;
  clearFilters(): void;
  reload(): Promise<void>;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  loadStats(): Promise<void>;
  loadCustomers(): Promise<void>;
  select(id: number | null): void;
  /**
   * Shows a ticket's row as an action left it, at once; the refresh that follows the core's queueChanged event
   * then puts it where the view's filters and order want it.
   */
  patchTicket(ticket: TicketSummary): void;
  /** Moves the selection by `delta` rows (clamped) and returns the newly selected ticket id. */
  moveSelection(delta: number): number | null;
}

/** The query of what the store shows. Only arrays with members narrow it; empty means "any". */
function toQuery({ filters, view, sorts }: QueueState): Omit<QueueArgs, 'after' | 'limit'> {
  return {
    scope: view === 'needsMe' ? 'needsMe' : filters.scope,
    sort: sorts[view],
    ...(filters.priorities.length > 0 && { priorities: filters.priorities }),
    ...(filters.statuses.length > 0 && { statuses: filters.statuses }),
    ...(filters.customerIds.length > 0 && { customerIds: filters.customerIds }),
    ...(filters.mine && { mine: true }),
    ...(filters.search.trim() !== '' && { search: filters.search.trim() }),
  };
}

/** The summary part of a ticket (a TicketDetail is one too, with much more that a row does not keep). */
function summaryOf(ticket: TicketSummary): TicketSummary {
  const { id, source, externalId, customerId, customerName, subject, priority, status, kind, cveId } = ticket;
  const { assignee, createdAt, updatedAt, hasPending, sla, slaError } = ticket;
  return {
    id,
    source,
    externalId,
    customerId,
    customerName,
    subject,
    priority,
    status,
    kind,
    cveId,
    assignee,
    createdAt,
    updatedAt,
    hasPending,
    sla,
    slaError,
  };
}

/**
 * Bumped by every request that replaces the list (reload or refresh), so a slower, older answer never overwrites a
 * newer one. Only the newest request's answer is applied, so each of them must end `loading` and `loadingMore`.
 */
let generation = 0;

export const useQueueStore = create<QueueState>()((set, get) => ({
  view: DEFAULT_VIEW,
  sorts: DEFAULT_SORTS,
  started: false,
  filters: EMPTY_FILTERS,
  tickets: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
  error: null,
  selectedId: null,
  stats: null,
  customers: [],

  async load(settings) {
    if (!get().started) {
      set({
        started: true,
        view: settings?.queueView ?? DEFAULT_VIEW,
        sorts: { ...DEFAULT_SORTS, ...settings?.queueSorts },
      });
    }
    await get().reload();
  },

  setView(view) {
    if (view === get().view) return;
    set({ view, loading: true });
    void get().reload();
    void useAppStore.getState().saveSettings({ queueView: view });
  },

  setSort(sort) {
    const { view, sorts } = get();
    if (sorts[view] === sort) return;
    set({ sorts: { ...sorts, [view]: sort }, loading: true });
    void get().reload();
    void useAppStore.getState().saveSettings({ queueSorts: { [view]: sort } });
  },

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch }, loading: true });
    void get().reload();
  },

  clearFilters() {
    get().setFilters(EMPTY_FILTERS);
  },

  async reload() {
    if (!get().started) return;
    const mine = ++generation;
    set({ loading: true, error: null });
    const result = await api.listQueue({ ...toQuery(get()), limit: PAGE_SIZE });
    if (mine !== generation) return;
    if (!result.ok) return set({ loading: false, loadingMore: false, error: result.error.message });
    const { tickets, nextCursor } = result.value;
    set({ loading: false, loadingMore: false, tickets, nextCursor });
  },

  /**
   * Re-reads what is loaded (after a live change) without losing the scroll position or selection: at least as
   * many rows as are loaded, counted again after each page so rows that "load more" adds meanwhile are kept too.
   */
  async refresh() {
    if (!get().started) return;
    const mine = ++generation;
    const result = await readFromStart(
      (args) => api.listQueue(args),
      toQuery(get()),
      () => Math.max(PAGE_SIZE, get().tickets.length),
      () => mine === generation,
    );
    if (result === null) return;
    // It may have overtaken a reload (a filter change just before a live change): as the newest request, it ends
    // the loading state that reload began.
    if (!result.ok) return set({ loading: false, loadingMore: false, error: result.error.message });
    const { tickets, nextCursor } = result.value;
    set({ loading: false, loadingMore: false, error: null, tickets, nextCursor });
  },

  async loadMore() {
    const { nextCursor, loading, loadingMore } = get();
    if (nextCursor === null || loading || loadingMore) return;
    const mine = generation;
    const query = toQuery(get());
    set({ loadingMore: true });
    const result = await api.listQueue({ ...query, limit: PAGE_SIZE, after: nextCursor });
    if (mine !== generation) return;
    // A refresh replaced the list meanwhile: this page continues a list that is gone.
    if (get().nextCursor !== nextCursor) return set({ loadingMore: false });
    if (!result.ok) return set({ loadingMore: false, error: result.error.message });
    const { tickets } = get();
    const known = new Set(tickets.map((ticket) => ticket.id));
    const fresh = result.value.tickets.filter((ticket) => !known.has(ticket.id));
    set({ loadingMore: false, tickets: [...tickets, ...fresh], nextCursor: result.value.nextCursor });
  },

  async loadStats() {
    const result = await api.getQueueStats({});
    if (!result.ok) return useAppStore.getState().showNotice(result.error.message);
    set({ stats: result.value });
  },

  async loadCustomers() {
    const result = await api.listCustomers({});
    if (!result.ok) return useAppStore.getState().showNotice(result.error.message);
    const customers = [...result.value].sort((a, b) => a.name.localeCompare(b.name));
    const known = new Set(customers.map((customer) => customer.id));
    const customerIds = get().filters.customerIds.filter((id) => known.has(id));
    set({ customers });
    if (customerIds.length !== get().filters.customerIds.length) get().setFilters({ customerIds });
  },

  select(id) {
    set({ selectedId: id });
  },

  patchTicket(ticket) {
    const { tickets } = get();
    if (!tickets.some((row) => row.id === ticket.id)) return;
    const summary = summaryOf(ticket);
    set({ tickets: tickets.map((row) => (row.id === ticket.id ? summary : row)) });
  },

  moveSelection(delta) {
    const { tickets, selectedId } = get();
    if (tickets.length === 0) return null;
    const current = tickets.findIndex((ticket) => ticket.id === selectedId);
    const index = Math.min(tickets.length - 1, Math.max(0, current + delta));
    const id = tickets[index]?.id ?? null;
    set({ selectedId: id });
    return id;
  },
}));
