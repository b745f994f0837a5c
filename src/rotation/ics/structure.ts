// The outline of an iCalendar text, read before ical.js parses it: its content lines (unfolded, each with the
// line of the file it starts on), whether BEGIN and END pair up, and the line each calendar and event begins
// on. ical.js parses the content itself; this catches what it lets through (text that is no calendar at all,
// an END that closes the wrong component, a file cut off mid-way) and gives its errors a line number.
import { IcsError } from './errors';

export interface ContentLine {
  /** The unfolded content line. */
  text: string;
  /** 1-based line of the file it starts on. */
  line: number;
}

export interface CalendarOutline {
  /** Line of BEGIN:VCALENDAR. */
  line: number;
  /** Lines of the BEGIN:VEVENT directly inside this calendar, in file order. */
  eventLines: number[];
}

/** Line endings as LF (CRLF, LF and lone CR are all accepted), without a byte-order mark. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Content lines of a text whose line endings are LF, unfolded (RFC 5545 §3.1); blank lines are skipped. */
export function contentLines(text: string): ContentLine[] {
  const lines: ContentLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const last = lines[lines.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else if (raw.trim().length > 0) lines.push({ text: raw, line: index + 1 });
  });
  return lines;
}

/** The outline of the calendars in `lines`; throws an IcsError when the text is no well-formed calendar. */
export function outlineOf(lines: readonly ContentLine[]): CalendarOutline[] {
  const first = lines[0];
  if (!first) throw new IcsError('The file is empty: an iCalendar file begins with BEGIN:VCALENDAR.');
  const head = componentLine(first.text);
  if (head?.kind !== 'BEGIN' || head.name !== 'VCALENDAR') throw new IcsError(notACalendar(first.text));
  const calendars: CalendarOutline[] = [];
  const open: Array<{ name: string; line: number }> = [];
  for (const { text, line } of lines) {
    const component = componentLine(text);
    if (!component) {
      if (open.length > 0) continue;
      throw new IcsError(`"${excerpt(text)}" stands outside BEGIN:VCALENDAR … END:VCALENDAR.`, line);
    }
    if (component.kind === 'BEGIN') {
      if (open.length === 0) {
        if (component.name !== 'VCALENDAR') {
          throw new IcsError(`BEGIN:${component.name} stands outside BEGIN:VCALENDAR … END:VCALENDAR.`, line);
        }
        calendars.push({ line, eventLines: [] });
      } else if (open.length === 1 && component.name === 'VEVENT') {
        calendars[calendars.length - 1]?.eventLines.push(line);
      }
      open.push({ name: component.name, line });
      continue;
    }
    const top = open.pop();
    if (!top) throw new IcsError(`END:${component.name} closes nothing that was begun.`, line);
    if (top.name !== component.name) {
      throw new IcsError(`END:${component.name} closes BEGIN:${top.name} from line ${top.line}.`, line);
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) {
    throw new IcsError(
      `The file ends inside BEGIN:${unclosed.name} from line ${unclosed.line}: it is cut off or incomplete.`,
    );
  }
  return calendars;
}

/**
 * Turns an error ical.js threw while parsing into an IcsError with the line it is on: ical.js quotes the
 * offending content line in its message, which is found again among `lines`.
 */
export function parseErrorOf(error: unknown, lines: readonly ContentLine[]): IcsError {
  const message = error instanceof Error ? error.message : String(error);
  const quoted =
    /^invalid line \(.*?\) "(.*)"$/s.exec(message)?.[1] ?? / in '(.*)'$/s.exec(message)?.[1] ?? null;
  const where = quoted ? lines.find((l) => l.text === quoted || l.text.includes(quoted)) : undefined;
  const line = where?.line ?? null;
  if (message.startsWith('invalid line (no token')) {
    return new IcsError(`"${excerpt(quoted ?? '')}" is not a property line (NAME:value).`, line);
  }
  if (message.includes('no matching double quote')) {
    return new IcsError('a parameter opens a double quote that is never closed.', line);
  }
  if (message.includes('Missing parameter value') || message.includes('Empty parameter name')) {
    return new IcsError('a parameter has no name or no value (NAME=value).', line);
  }
  return new IcsError(`the file cannot be read as iCalendar (${message}).`, line);
}

function componentLine(text: string): { kind: 'BEGIN' | 'END'; name: string } | null {
  const match = /^(BEGIN|END):(.*)$/i.exec(text);
  if (!match) return null;
  return {
    kind: match[1]?.toUpperCase() === 'BEGIN' ? 'BEGIN' : 'END',
    name: (match[2] ?? '').trim().toUpperCase(),
  };
}

function notACalendar(firstLine: string): string {
  const start = firstLine.trimStart();
  if (start.startsWith('<')) {
    return 'This is a web page (HTML), not an iCalendar feed: the address may be wrong or need a login.';
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    return 'This is JSON, not an iCalendar feed: an iCalendar file begins with BEGIN:VCALENDAR.';
  }
  return `This is not an iCalendar file: it begins with "${excerpt(start)}" instead of BEGIN:VCALENDAR.`;
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
