// The ticket open in the detail pane; an action's answer (the ticket as it is now) replaces it at once. Opened from
// the P1 alert or a notification, the pane takes the focus once the ticket is shown.
import { create } from 'zustand';
import type { TicketDetail } from '../../../src/api';
import { api } from '../api';

interface DetailState {
  openId: number | null;
  ticket: TicketDetail | null;
  loading: boolean;
  error: string | null;
  /** The ticket whose title takes the focus once it is shown; null when nothing asked for that. */
  focusId: number | null;
  open(id: number, options?: { focus: boolean }): Promise<void>;
  /** The pane has put the focus on the ticket's title. */
  focused(): void;
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
    focusId: null,

    async open(id, options) {
      set({ focusId: options?.focus ? id : null });
      if (get().openId === id && get().ticket) return;
      set({ openId: id, ticket: null, loading: true, error: null });
      await fetchTicket(id);
    },

    focused: () => set({ focusId: null }),

    close() {
      set({ openId: null, ticket: null, loading: false, error: null, focusId: null });
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
