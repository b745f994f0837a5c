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

export const LANGUAGES = ['system', 'en', 'nl'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];
