// iCalendar in and out for rotations: read a feed into on-call entries (import.ts), write shifts as a
// calendar (export.ts). Pure: the caller reads files and URLs and passes the text in.
export { IcsError } from './errors';
export { type ExportEvent, type ExportOptions, exportCalendar, uidFor } from './export';
export { type FeedEntry, type ParseOptions, type ParsedFeed, parseFeed } from './import';
export type { Attendee } from './people';
