// The one error the iCalendar code throws: a message in words that names what is wrong and, when known, the
// line of the file it is on. Callers show `message` as it is; no stack trace is meant for the user.

export class IcsError extends Error {
  override readonly name = 'IcsError';
  /** 1-based line of the file the problem is on, when known. */
  readonly line: number | null;

  constructor(message: string, line: number | null = null) {
    super(line === null ? message.charAt(0).toUpperCase() + message.slice(1) : `Line ${line}: ${message}`);
    this.line = line;
  }
}
