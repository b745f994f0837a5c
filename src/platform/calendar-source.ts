// Reads an iCalendar feed's text from where the user keeps it: an absolute file path, or a URL. webcal:// (how
// PagerDuty, Opsgenie and Google hand out subscriptions) is read as https://; plain http:// only from this computer
// (127.0.0.1, localhost), as for connections, since feed URLs often carry a secret token. Every read has a size
// limit and a URL a deadline; each failure is a CalendarSourceError with a message in words, never a stack trace.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

/** A feed larger than this is refused (the largest real feeds are a few MB). */
const MAX_CALENDAR_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const URL_LIKE = /^[a-z][a-z0-9+.-]+:\/\//i;

/** `source`: what the user gave is not a file path or URL Piket reads; `unreachable`: it could not be read now. */
export class CalendarSourceError extends Error {
  constructor(
    readonly kind: 'source' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'CalendarSourceError';
  }
}

/**
 * Where a feed is read from, as it will be stored: an https:// (or loopback http://) URL, webcal:// made https://,
 * or an absolute file path. Throws a CalendarSourceError of kind `source` saying what is wrong.
 */
export function calendarSource(input: string): string {
  const text = input.trim();
  if (!URL_LIKE.test(text)) {
    if (isAbsolute(text)) return text;
    throw new CalendarSourceError(
      'source',
      `"${text}" is neither a web address (https://…, webcal://…) nor an absolute file path.`,
    );
  }
  let url: URL;
  try {
    url = new URL(text.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new CalendarSourceError('source', `"${text}" is not a web address.`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new CalendarSourceError(
      'source',
      `Piket reads feeds over https only (feed addresses often carry a secret); http is accepted for this computer only (127.0.0.1), not ${url.host}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CalendarSourceError(
      'source',
      `"${text}" is not a web address Piket reads (use https:// or webcal://).`,
    );
  }
  return url.href;
}

/** Whether a stored source is a URL (else an absolute file path). */
export function isUrlSource(source: string): boolean {
  return URL_LIKE.test(source);
}

/** The text at `source` (as calendarSource gave it); throws a CalendarSourceError. */
export async function readCalendarSource(source: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  return isUrlSource(source) ? readUrl(source, timeoutMs) : readPath(source);
}

async function readPath(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new CalendarSourceError('unreachable', `${path} is a folder, not a calendar file.`);
    if (info.size > MAX_CALENDAR_BYTES) throw tooLarge(path);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CalendarSourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CalendarSourceError('unreachable', `There is no file ${path}.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new CalendarSourceError('unreachable', `Piket may not read ${path} (permission denied).`);
    throw new CalendarSourceError('unreachable', `${path} cannot be read (${code ?? String(error)}).`);
  }
}

function tooLarge(where: string): CalendarSourceError {
  return new CalendarSourceError(
    'unreachable',
    `${where} is larger than ${MAX_CALENDAR_BYTES / 1024 / 1024} MB: that is no on-call calendar Piket reads.`,
  );
}

async function readUrl(url: string, timeoutMs: number): Promise<string> {
  const shown = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/calendar, text/plain;q=0.9, */*;q=0.5' },
    });
  } catch (error) {
    throw unreachable(shown, error, timeoutMs);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new CalendarSourceError('unreachable', `${shown} answered ${status} for the feed ${url}.`);
  }
  try {
    return await limitedText(response, shown);
  } catch (error) {
    if (error instanceof CalendarSourceError) throw error;
    throw unreachable(shown, error, timeoutMs);
  }
}

async function limitedText(response: Response, shown: string): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_CALENDAR_BYTES) {
    await response.body?.cancel();
    throw tooLarge(`The feed at ${shown}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_CALENDAR_BYTES) throw tooLarge(`The feed at ${shown}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function unreachable(host: string, error: unknown, timeoutMs: number): CalendarSourceError {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new CalendarSourceError(
      'unreachable',
      `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? null;
  const words =
    code === null ? null : (NETWORK_WORDS[code] ?? (/CERT|SSL|TLS/.test(code) ? CERT_WORDS : null));
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new CalendarSourceError(
    'unreachable',
    `${host} cannot be reached: ${words ?? detail}${code === null ? '' : ` (${code})`}.`,
  );
}

const CERT_WORDS = 'its certificate is not trusted';
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing answers there',
  ENOTFOUND: 'no such host; is the address right, and is this computer online?',
  EAI_AGAIN: 'its name could not be looked up; is this computer online?',
  ECONNRESET: 'the connection was broken off',
  UND_ERR_SOCKET: 'the connection was broken off',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ENETUNREACH: 'the network cannot be reached; is this computer online?',
  EHOSTUNREACH: 'the host cannot be reached; is this computer online?',
};
