// Queue shortcuts: j/k and arrows move, Enter opens, Escape closes or leaves search, / focuses search, n and q
// switch between "Needs me now" and the full queue, c shows the contracts, Shift+C the connections, Shift+N the
// notifications, o the rotation (who is on call), ! goes to the P1 alert, ? the shortcut sheet. On the open ticket:
// a acknowledges, m assigns it to me, s sets its status, p its priority, Shift+R resolves, i adds an internal note
// and r a public reply (SHORTCUTS lists them all for that sheet).
import { useEffect } from 'react';
import type { ActionKind } from '../../src/domain/action';
import { useActionStore } from './state/action-store';
import { useAppStore } from './state/app-store';
import { useConnectionsStore } from './state/connections-store';
import { useContractsStore } from './state/contracts-store';
import { useDetailStore } from './state/detail-store';
import { useHealthStore } from './state/health-store';
import { useQueueStore } from './state/queue-store';
import { useRotationStore } from './state/rotation-store';

export const SEARCH_INPUT_ID = 'queue-search';
/** The P1 alert panel, focused with ! (Shift+1 on most keyboards). */
export const P1_PANEL_ID = 'p1-alert';

/** The key of each action on the open ticket, as aria-keyshortcuts writes it (the action bar's buttons carry it). */
export const ACTION_SHORTCUTS = {
  ack: 'a',
  assign: 'm',
  status: 's',
  priority: 'p',
  resolve: 'Shift+R',
  note: 'i',
  reply: 'r',
} as const satisfies Record<ActionKind, string>;

/** The keys the shortcut sheet lists, each with its `shortcuts.*` text, in the order it lists them. */
export const SHORTCUTS = [
  { keys: ['j', '↓'], does: 'next' },
  { keys: ['k', '↑'], does: 'previous' },
  { keys: ['Home', 'End'], does: 'firstLast' },
  { keys: ['Enter'], does: 'open' },
  { keys: ['Esc'], does: 'escape' },
  { keys: ['n'], does: 'needsMe' },
  { keys: ['q'], does: 'queue' },
  { keys: ['/'], does: 'search' },
  { keys: ['c'], does: 'contracts' },
  { keys: ['Shift+C'], does: 'connections' },
  { keys: ['Shift+N'], does: 'notifications' },
  { keys: ['o'], does: 'onCall' },
  { keys: ['!'], does: 'p1Alert' },
  { keys: ['?'], does: 'help' },
  { keys: [ACTION_SHORTCUTS.ack], does: 'ack' },
  { keys: [ACTION_SHORTCUTS.assign], does: 'assign' },
  { keys: [ACTION_SHORTCUTS.status], does: 'status' },
  { keys: [ACTION_SHORTCUTS.priority], does: 'priority' },
  { keys: [ACTION_SHORTCUTS.resolve], does: 'resolve' },
  { keys: [ACTION_SHORTCUTS.note], does: 'note' },
  { keys: [ACTION_SHORTCUTS.reply], does: 'reply' },
] as const;

/** The action each pressed key (KeyboardEvent.key: Shift+R arrives as "R") starts on the open ticket. */
const ACTION_KEYS: ReadonlyMap<string, ActionKind> = new Map(
  Object.entries(ACTION_SHORTCUTS).map(([kind, keys]) => [keys.replace('Shift+', ''), kind as ActionKind]),
);

export const QUEUE_LIST_ID = 'queue-list';

function isTextEntry(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** Enter and arrows keep their own meaning on buttons, links and the detail pane; they drive the queue only from the list or the page itself. */
function focusIsOnQueue(element: Element | null): boolean {
  return element === null || element === document.body || element.id === QUEUE_LIST_ID;
}

export function focusQueueList(): void {
  document.getElementById(QUEUE_LIST_ID)?.focus();
}

/** Selects a ticket and shows it in the detail pane. */
export function openTicket(id: number): void {
  useQueueStore.getState().select(id);
  void useDetailStore.getState().open(id);
}

/** Opens a ticket and puts the focus on its title once it is shown (from the P1 alert or a notification). */
export function showTicket(id: number): void {
  useQueueStore.getState().select(id);
  void useDetailStore.getState().open(id, { focus: true });
}

/**
 * Moves the selection and puts the focus on the list, so a following Enter opens the ticket rather than
 * pressing the filter button clicked last. While the detail pane is open it follows the selection.
 */
function moveSelection(delta: number): void {
  focusQueueList();
  const id = useQueueStore.getState().moveSelection(delta);
  if (id !== null && useDetailStore.getState().openId !== null) openTicket(id);
}

/** Starts an action on the ticket shown in the pane; false when no ticket is shown. */
function actOnOpenTicket(kind: ActionKind): boolean {
  const { openId, ticket } = useDetailStore.getState();
  if (ticket === null || ticket.id !== openId) return false;
  useActionStore.getState().start(ticket, kind);
  return true;
}

function handleKey(event: KeyboardEvent): boolean {
  const focused = document.activeElement;
  if (isTextEntry(focused)) {
    if (event.key !== 'Escape' || focused?.id !== SEARCH_INPUT_ID) return false;
    focusQueueList();
    return true;
  }
  const onQueue = focusIsOnQueue(focused);
  switch (event.key) {
    case 'j':
      moveSelection(1);
      return true;
    case 'k':
      moveSelection(-1);
      return true;
    case 'ArrowDown':
      if (onQueue) moveSelection(1);
      return onQueue;
    case 'ArrowUp':
      if (onQueue) moveSelection(-1);
      return onQueue;
    case 'Home':
      if (onQueue) moveSelection(-Infinity);
      return onQueue;
    case 'End':
      if (onQueue) moveSelection(Infinity);
      return onQueue;
    case 'Enter': {
      const { selectedId } = useQueueStore.getState();
      if (!onQueue || selectedId === null) return false;
      openTicket(selectedId);
      return true;
    }
    case 'Escape':
      if (useDetailStore.getState().openId === null) return false;
      useDetailStore.getState().close();
      focusQueueList();
      return true;
    case '/':
      document.getElementById(SEARCH_INPUT_ID)?.focus();
      return true;
    case 'n':
      useQueueStore.getState().setView('needsMe');
      return true;
    case 'q':
      useQueueStore.getState().setView('queue');
      return true;
    case 'c':
      useContractsStore.getState().openDialog();
      return true;
    case 'C':
      useConnectionsStore.getState().openDialog();
      return true;
    case 'N':
      useHealthStore.getState().openDialog();
      return true;
    case 'o':
      useRotationStore.getState().openView();
      return true;
    case '!': {
      const panel = document.getElementById(P1_PANEL_ID);
      panel?.focus();
      return panel !== null;
    }
    case '?':
      useAppStore.getState().setShortcutsOpen(true);
      return true;
    default: {
      const action = ACTION_KEYS.get(event.key);
      // Resolve wants Shift itself: an r typed with Caps Lock on must not resolve the ticket.
      if (action === undefined || (action === 'resolve' && !event.shiftKey)) return false;
      return actOnOpenTicket(action);
    }
  }
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (handleKey(event)) event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
