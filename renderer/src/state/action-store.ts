// What the user is doing to the open ticket: the control open in its action bar (a note or reply box, the status
// or priority choice, new or editing a refused change), the text typed per ticket (kept until it is sent, so
// neither Esc nor an error loses it), a priority change's SLA preview waiting for confirmation, errors in place, and
// the last outcome for the polite live region. Every answer of the core (the ticket as it is now) is shown at once.
import { create } from 'zustand';
import type { ChangeView, PriorityPreview, Result, TicketDetail } from '../../../src/api';
import type { ActionKind, TicketAction } from '../../../src/domain/action';
import type { Priority, TicketStatus } from '../../../src/domain/ticket';
import { api } from '../api';
import { unavailableReason, type Unavailable } from '../action-words';
import { useAppStore } from './app-store';
import { useDetailStore } from './detail-store';
import { useQueueStore } from './queue-store';

/** The actions that open a control in the bar before anything is recorded. */
export type ComposerKind = 'note' | 'reply' | 'status' | 'priority';

export interface Composer {
  ticketId: number;
  kind: ComposerKind;
  /** The refused or conflicting change this control edits; null for a new action. */
  seq: number | null;
  /** The status or priority chosen first (the current one is never offered). */
  choice: TicketStatus | Priority | null;
}

/** What the live region says: an action recorded, one that does not apply, a change discarded or sent again. */
export type Outcome =
  | { kind: 'recorded' | 'retried' | 'discarded'; action: TicketAction; ticketId: number }
  | { kind: 'unavailable'; action: ActionKind; reason: Unavailable; ticketId: number };

export interface PreviewState {
  ticketId: number;
  seq: number | null;
  preview: PriorityPreview;
  error: string | null;
}

interface ActionState {
  composer: Composer | null;
  /** Text typed per ticket and control (`draftKey`), kept until it is sent. */
  drafts: Record<string, string>;
  /** A call of this ticket's actions is under way. */
  busy: boolean;
  /** A failed call of the open control (kept next to it, with the text). */
  composerError: string | null;
  /** A failed one-step action (acknowledge, assign, resolve), shown by the bar. */
  barError: { ticketId: number; message: string } | null;
  /** A failed retry or discard, shown by that change. */
  changeErrors: Record<number, string>;
  preview: PreviewState | null;
  outcome: Outcome | null;
  /** Where the focus goes once a control or a change it was in has gone: that action's button, or the bar. */
  focusReturn: ComposerKind | 'bar' | null;

  /** Opens a control for the ticket, or for editing one of its refused changes (prefilled). */
  open(ticket: TicketDetail, kind: ComposerKind, change?: ChangeView): void;
  /** Closes the open control; its text stays for next time. */
  close(): void;
  setDraft(text: string): void;
  setChoice(choice: TicketStatus | Priority): void;
  /**
   * Starts an action on the ticket, from its button or its shortcut: acknowledge, assign to me and resolve are
   * recorded at once, the others open their control. When it does not apply, the live region says why instead.
   */
  start(ticket: TicketDetail, kind: ActionKind): void;
  /** Records the open control's action (or the edit of its change); its text is cleared only once recorded. */
  submit(ticket: TicketDetail): Promise<void>;
  /** Asks the core what the chosen priority would do to the SLA; the preview then waits for confirmation. */
  previewPriority(ticket: TicketDetail): Promise<void>;
  confirmPriority(): Promise<void>;
  cancelPreview(): void;
  retry(ticket: TicketDetail, change: ChangeView): Promise<void>;
  discard(ticket: TicketDetail, change: ChangeView): Promise<void>;
  focusReturned(): void;
}

export function draftKey(composer: Pick<Composer, 'ticketId' | 'kind' | 'seq'>): string {
  return `${composer.ticketId}:${composer.kind}:${composer.seq ?? 'new'}`;
}

/** The action the open control stands for, or null while it is not filled in. */
function actionOf(composer: Composer, drafts: Record<string, string>): TicketAction | null {
  switch (composer.kind) {
    case 'note':
    case 'reply':
      return { kind: composer.kind, body: drafts[draftKey(composer)] ?? '' };
    case 'status':
      return composer.choice === null ? null : { kind: 'status', status: composer.choice as TicketStatus };
    case 'priority':
      return composer.choice === null ? null : { kind: 'priority', priority: composer.choice as Priority };
  }
}

/** Shows the ticket as the core answered at once, in the pane and in its queue row. */
function show(ticket: TicketDetail): void {
  useDetailStore.getState().apply(ticket);
  useQueueStore.getState().patchTicket(ticket);
}

function record(ticketId: number, action: TicketAction, seq: number | null): Promise<Result<TicketDetail>> {
  return seq === null ? api.actOnTicket({ id: ticketId, action }) : api.editChange({ seq, action });
}

export const useActionStore = create<ActionState>()((set, get) => ({
  composer: null,
  drafts: {},
  busy: false,
  composerError: null,
  barError: null,
  changeErrors: {},
  preview: null,
  outcome: null,
  focusReturn: null,

  open(ticket, kind, change) {
    const composer: Composer = { ticketId: ticket.id, kind, seq: change?.seq ?? null, choice: null };
    const action = change?.action;
    if (action?.kind === 'status' && action.status !== ticket.status) composer.choice = action.status;
    if (action?.kind === 'priority' && action.priority !== ticket.priority) composer.choice = action.priority;
    const key = draftKey(composer);
    const drafts = { ...get().drafts };
    if ((action?.kind === 'note' || action?.kind === 'reply') && drafts[key] === undefined)
      drafts[key] = action.body;
    set({ composer, drafts, composerError: null, barError: null, focusReturn: null });
  },

  close() {
    const { composer } = get();
    set({ composer: null, composerError: null, preview: null, focusReturn: composer?.kind ?? null });
  },

  setDraft(text) {
    const { composer, drafts } = get();
    if (composer) set({ drafts: { ...drafts, [draftKey(composer)]: text } });
  },

  setChoice(choice) {
    const { composer } = get();
    if (composer) set({ composer: { ...composer, choice }, composerError: null });
  },

  start(ticket, kind) {
    const reason = unavailableReason(ticket, kind, useAppStore.getState().settings?.me ?? null);
    if (reason !== null) {
      set({ outcome: { kind: 'unavailable', action: kind, reason, ticketId: ticket.id } });
      return;
    }
    if (kind === 'ack' || kind === 'assign' || kind === 'resolve') void recordAtOnce(ticket, { kind });
    else get().open(ticket, kind);
  },

  async submit(ticket) {
    const { composer, drafts, busy } = get();
    if (!composer || composer.ticketId !== ticket.id || busy) return;
    if (composer.kind === 'priority') return get().previewPriority(ticket);
    const action = actionOf(composer, drafts);
    if (action === null) return;
    set({ busy: true, composerError: null });
    const result = await record(ticket.id, action, composer.seq);
    if (!result.ok) {
      set({ busy: false, ...failure(composer, result.error.message) });
      return;
    }
    show(result.value);
    const rest = { ...get().drafts };
    delete rest[draftKey(composer)];
    set({
      busy: false,
      drafts: rest,
      ...closing(composer),
      outcome: { kind: 'recorded', action, ticketId: ticket.id },
    });
  },

  async previewPriority(ticket) {
    const { composer, busy } = get();
    if (!composer || composer.kind !== 'priority' || composer.choice === null || busy) return;
    set({ busy: true, composerError: null });
    const result = await api.previewPriority({ id: ticket.id, priority: composer.choice as Priority });
    if (!result.ok) {
      set({ busy: false, ...failure(composer, result.error.message) });
      return;
    }
    // The user went on to something else meanwhile: the preview is not wanted any more.
    if (get().composer !== composer) return set({ busy: false });
    set({
      busy: false,
      preview: { ticketId: ticket.id, seq: composer.seq, preview: result.value, error: null },
    });
  },

  async confirmPriority() {
    const { preview, busy } = get();
    if (!preview || busy) return;
    const action: TicketAction = { kind: 'priority', priority: preview.preview.to };
    set({ busy: true });
    const result = await record(preview.ticketId, action, preview.seq);
    if (!result.ok) {
      set({ busy: false, preview: { ...preview, error: result.error.message } });
      return;
    }
    show(result.value);
    const { composer } = get();
    set({
      busy: false,
      preview: null,
      ...(composer?.kind === 'priority' && composer.seq === preview.seq ? closing(composer) : {}),
      outcome: { kind: 'recorded', action, ticketId: preview.ticketId },
    });
  },

  cancelPreview: () => set({ preview: null }),

  async retry(ticket, change) {
    if (get().busy) return;
    set({ busy: true, changeErrors: withoutKey(get().changeErrors, change.seq) });
    const result = await api.retryChange({ seq: change.seq });
    if (!result.ok) {
      set({ busy: false, changeErrors: { ...get().changeErrors, [change.seq]: result.error.message } });
      return;
    }
    show(result.value);
    set({
      busy: false,
      focusReturn: 'bar',
      outcome: { kind: 'retried', action: change.action, ticketId: ticket.id },
    });
  },

  async discard(ticket, change) {
    if (get().busy) return;
    set({ busy: true, changeErrors: withoutKey(get().changeErrors, change.seq) });
    const result = await api.discardChange({ seq: change.seq });
    if (!result.ok) {
      set({ busy: false, changeErrors: { ...get().changeErrors, [change.seq]: result.error.message } });
      return;
    }
    show(result.value);
    const { composer } = get();
    const drafts = { ...get().drafts };
    if (change.action.kind === 'note' || change.action.kind === 'reply')
      delete drafts[draftKey({ ticketId: ticket.id, kind: change.action.kind, seq: change.seq })];
    set({
      busy: false,
      drafts,
      composer: composer?.seq === change.seq ? null : composer,
      focusReturn: 'bar',
      outcome: { kind: 'discarded', action: change.action, ticketId: ticket.id },
    });
  },

  focusReturned: () => set({ focusReturn: null }),
}));

/** Acknowledge, assign to me or resolve: recorded at once; a failure is shown by the bar. */
async function recordAtOnce(ticket: TicketDetail, action: TicketAction): Promise<void> {
  const { getState, setState } = useActionStore;
  if (getState().busy) return;
  setState({ busy: true, barError: null });
  const result = await api.actOnTicket({ id: ticket.id, action });
  if (!result.ok) {
    setState({ busy: false, barError: { ticketId: ticket.id, message: result.error.message } });
    return;
  }
  show(result.value);
  setState({ busy: false, outcome: { kind: 'recorded', action, ticketId: ticket.id } });
}

/**
 * Closes a control whose action was recorded, unless the user has opened another one meanwhile (a fast typist
 * presses s while the note is still on its way): that one stays open and keeps the focus.
 */
function closing(composer: Composer): Pick<ActionState, 'composer' | 'focusReturn'> {
  const current = useActionStore.getState().composer;
  return current === composer
    ? { composer: null, focusReturn: composer.kind }
    : { composer: current, focusReturn: null };
}

/** Where a control's failure shows: beside it, or by the bar when the user has opened another one meanwhile. */
function failure(composer: Composer, message: string): Partial<ActionState> {
  return useActionStore.getState().composer === composer
    ? { composerError: message }
    : { barError: { ticketId: composer.ticketId, message } };
}

function withoutKey(errors: Record<number, string>, seq: number): Record<number, string> {
  const rest = { ...errors };
  delete rest[seq];
  return rest;
}
