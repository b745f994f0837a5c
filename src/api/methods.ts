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
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * The methods that change what a data folder holds. Only the process that owns the folder runs them; a read-only
 * Piket answers them with a `read_only` error, and the CLI sends them to the owner over its control socket.
 */
export const WRITE_METHODS = [
  'syncNow',
  'setDemoEnabled',
  'updateSettings',
  'reloadContracts',
] as const satisfies readonly MethodName[];
export type WriteMethodName = (typeof WRITE_METHODS)[number];

export function isWriteMethod(method: MethodName): method is WriteMethodName {
  return (WRITE_METHODS as readonly MethodName[]).includes(method);
}

export const LANGUAGES = ['system', 'en', 'nl'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];
