// The IPC channels between the preload and main: one invoke channel for calls, one push channel for events, and
// one message channel on which the page says which events it listens to (event name, true to start, false to stop).
export const CALL_CHANNEL = 'piket:call';
export const EVENT_CHANNEL = 'piket:event';
export const SUBSCRIBE_CHANNEL = 'piket:subscribe';
