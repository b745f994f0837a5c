// The ticket open in the detail pane; an action's answer (the ticket as it is now) replaces it at once.
import { create } from 'zustand';
import type { TicketDetail } from '../../../src/api';
import { api } from '../api';

interface DetailState {
  openId: number | null;
  ticket: TicketDetail | null;
  loading: boolean;
  error: string | null;
  open(id: number): Promise<void>;
  close(): void;
  /** Re-reads the open ticket after a live change, keeping what is shown until the answer arrives. */
  refresh(): Promise<void>;
  /** Shows the ticket as an action left it, when it is still the one open. */
  apply(ticket: TicketDetail): void;
}

export const useDetailStore = create<DetailState>()((set, get) => {
  async function fetchTicket(id: number): Promise<void> {
    const result = await api.getTicket({ id });
    if (get().openId !== id) return;
    if (!result.ok) return set({ loading: false, error: result.error.message });
    set({ loading: false, error: null, ticket: result.value });
  }

  return {
    openId: null,
    ticket: null,
    loading: false,
    error: null,

    async open(id) {
      if (get().openId === id && get().ticket) return;
      set({ openId: id, ticket: null, loading: true, error: null });
      await fetchTicket(id);
    },

    close() {
      set({ openId: null, ticket: null, loading: false, error: null });
    },

    async refresh() {
      const { openId } = get();
      if (openId !== null) await fetchTicket(openId);
    },

    apply(ticket) {
      if (get().openId === ticket.id) set({ ticket, loading: false, error: null });
    },
  };
});
