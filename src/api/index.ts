// The API surface every layer may import: contract types, results, method names, the client and the wire format.
// Host-side validation lives in schemas.ts and dispatch.ts, imported directly where calls are received.
export * from './contract';
export * from './methods';
export * from './queue-order';
export * from './result';
export * from './wire';
export { createApiClient, type ApiTransport } from './client';
