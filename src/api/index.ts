// Public surface of the API contract, importable from every layer.
export * from './contract';
export * from './result';
export * from './schemas';
export { createApiClient, type ApiTransport } from './client';
export { ApiFailure, dispatch, isMethodName } from './dispatch';
