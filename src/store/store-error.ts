// The store's expected failures, each with a code the host can act on and a message a person can act on.
export type StoreErrorCode = 'newer_version' | 'corrupt' | 'unwritable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export function newerVersionError(file: string, found: number, known: number): StoreError {
  return new StoreError(
    'newer_version',
    `The database ${file} was written by a newer version of Piket (schema ${found}; this version knows up to ${known}). ` +
      'Update Piket, or point it at another data folder.',
  );
}
