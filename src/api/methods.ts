// The names of the API methods and the language choices, free of zod so the UI bundles stay small.
export const METHOD_NAMES = [
  'getInfo',
  'listQueue',
  'getQueueStats',
  'getTicket',
  'listCustomers',
  'syncNow',
  'setDemoEnabled',
  'getSettings',
  'updateSettings',
  'getContracts',
  'reloadContracts',
  'listConnections',
  'addConnection',
  'testConnection',
  'removeConnection',
  'findTicket',
  'listChanges',
  'pauseAlerts',
  'actOnTicket',
  'previewPriority',
  'retryChange',
  'editChange',
  'discardChange',
  'getOverview',
  'snoozeP1',
  'getNotificationHealth',
  'sendTestNotification',
  'listSchedules',
  'getOnCall',
  'importSchedule',
  'refreshSchedule',
  'saveSchedule',
  'removeSchedule',
  'exportSchedule',
  'getScheduleRange',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * The methods only the process that owns a data folder runs: those that change what the folder holds, and those
 * that act with a connection's secret (read where the owner runs). A read-only Piket answers them with a
 * `read_only` error, and the CLI sends them to the owner over its control socket.
 */
export const OWNER_METHODS = [
  'syncNow',
  'setDemoEnabled',
  'updateSettings',
  'reloadContracts',
  'addConnection',
  'testConnection',
  'removeConnection',
  'pauseAlerts',
  'actOnTicket',
  'retryChange',
  'editChange',
  'discardChange',
  'snoozeP1',
  'sendTestNotification',
  'importSchedule',
  'refreshSchedule',
  'saveSchedule',
  'removeSchedule',
] as const satisfies readonly MethodName[];
export type OwnerMethodName = (typeof OWNER_METHODS)[number];

export function isOwnerMethod(method: MethodName): method is OwnerMethodName {
  return (OWNER_METHODS as readonly MethodName[]).includes(method);
}

export const LANGUAGES = ['system', 'en', 'nl'] as const;

/** When alerts notify: always, or only while I am on call. */
export const ALERT_WHEN = ['always', 'onCall'] as const;

/** The ticket systems Piket can connect to. */
export const CONNECTION_KINDS = ['zendesk'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export type LanguageSetting = (typeof LANGUAGES)[number];
