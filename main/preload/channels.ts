// The two IPC channels between the preload and main: one invoke channel for calls, one push channel for events.
export const CALL_CHANNEL = 'piket:call';
export const EVENT_CHANNEL = 'piket:event';
