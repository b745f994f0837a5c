// The queue: filters, the loaded pages of tickets, the selection, header counts and the customer list.
import { create } from 'zustand';
import type { CustomerSummary, QueueStats, TicketSummary } from '../../../src/api';
import type { Priority, TicketStatus } from '../../../src/domain/ticket';
import { api } from '../api';
import { useAppStore } from './app-store';

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

export function isFiltered(filters: QueueFilters): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof QueueFilters)[]).some(
    (key) => JSON.stringify(filters[key]) !== JSON.stringify(EMPTY_FILTERS[key]),
  );
}

const PAGE_SIZE = 200;
const MAX_PAGE = 1000;

interface QueueState {
  filters: QueueFilters;
  tickets: TicketSummary[];
  hasMore: boolean;
  /** True until the first page for the current filters has arrived (or failed); the old rows stay meanwhile. */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  selectedId: number | null;
  stats: QueueStats | null;
  customers: CustomerSummary[];
  setFilters(patch: Partial<QueueFilters>): void;
  clearFilters(): void;
  reload(): Promise<void>;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  loadStats(): Promise<void>;
  loadCustomers(): Promise<void>;
  select(id: number | null): void;
  /** Moves the selection by `delta` rows (clamped) and returns the newly selected ticket id. */
  moveSelection(delta: number): number | null;
}

/** Only arrays with members narrow the query; empty means "any". */
function toQuery(filters: QueueFilters, offset: number, limit: number) {
  return {
    scope: filters.scope,
    offset,
    limit,
    ...(filters.priorities.length > 0 && { priorities: filters.priorities }),
    ...(filters.statuses.length > 0 && { statuses: filters.statuses }),
    ...(filters.customerIds.length > 0 && { customerIds: filters.customerIds }),
    ...(filters.mine && { mine: true }),
    ...(filters.search.trim() !== '' && { search: filters.search.trim() }),
  };
}

/**
 * Bumped by every request that replaces the list (reload or refresh), so a slower, older answer never overwrites a
 * newer one. Only the newest request's answer is applied, so each of them must end `loading` and `loadingMore`.
 */
let generation = 0;

export const useQueueStore = create<QueueState>()((set, get) => ({
  filters: EMPTY_FILTERS,
  tickets: [],
  hasMore: false,
  loading: true,
  loadingMore: false,
  error: null,
  selectedId: null,
  stats: null,
  customers: [],

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch }, loading: true });
    void get().reload();
  },

  clearFilters() {
    get().setFilters(EMPTY_FILTERS);
  },

  async reload() {
    const mine = ++generation;
    set({ loading: true, error: null });
    const result = await api.listQueue(toQuery(get().filters, 0, PAGE_SIZE));
    if (mine !== generation) return;
    if (!result.ok) return set({ loading: false, loadingMore: false, error: result.error.message });
    set({ loading: false, loadingMore: false, tickets: result.value.tickets, hasMore: result.value.hasMore });
  },

  /** Re-reads what is loaded (after a live change) without losing the scroll position or selection. */
  async refresh() {
    const mine = ++generation;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().tickets.length));
    const result = await api.listQueue(toQuery(get().filters, 0, limit));
    if (mine !== generation) return;
    // It may have overtaken a reload (a filter change just before a live change): as the newest request, it ends
    // the loading state that reload began.
    if (!result.ok) return set({ loading: false, loadingMore: false, error: result.error.message });
    set({
      loading: false,
      loadingMore: false,
      error: null,
      tickets: result.value.tickets,
      hasMore: result.value.hasMore,
    });
  },

  async loadMore() {
    const { hasMore, loading, loadingMore, tickets, filters } = get();
    if (!hasMore || loading || loadingMore) return;
    const mine = generation;
    set({ loadingMore: true });
    const result = await api.listQueue(toQuery(filters, tickets.length, PAGE_SIZE));
    if (mine !== generation) return;
    if (!result.ok) return set({ loadingMore: false, error: result.error.message });
    const known = new Set(tickets.map((ticket) => ticket.id));
    const fresh = result.value.tickets.filter((ticket) => !known.has(ticket.id));
    set({ loadingMore: false, tickets: [...tickets, ...fresh], hasMore: result.value.hasMore });
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
