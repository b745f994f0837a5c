// The store's expected failures, each with a code the host can act on and a message a person can act on.
export type StoreErrorCode = 'newer_version' | 'older_version' | 'missing' | 'corrupt' | 'unwritable';

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

/** A reader (a process that does not own the data folder) found a schema the owner has not migrated yet. */
export function olderVersionError(file: string, found: number, known: number): StoreError {
  return new StoreError(
    'older_version',
    `The database ${file} is at schema ${found}, older than this version of Piket (schema ${known}): the Piket that ` +
      'owns its data folder has not upgraded it yet, because it is an older version or is still starting. ' +
      'Quit that Piket and start this version, or try again in a moment.',
  );
}
