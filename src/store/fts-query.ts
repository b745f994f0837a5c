// Turns what a user typed into the search box into an FTS5 query that can never be a syntax error.

/**
 * Each whitespace-separated word becomes a quoted phrase with a prefix star (`vpn cert` → `"vpn"* "cert"*`),
 * so quotes, `AND`, `NEAR(`, `-` or `*` are searched as text, never parsed as FTS5 syntax. Words without a
 * letter or digit would tokenize to nothing and are dropped. Returns null when nothing is left to search for.
 */
export function toFtsQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => `"${word.replaceAll('"', '""')}"*`);
  return phrases.length > 0 ? phrases.join(' ') : null;
}
