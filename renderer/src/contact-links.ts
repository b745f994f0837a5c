// tel: and mailto: links from connector data (untrusted): only a plain phone number or a single plain address can
// come through, never extra headers, a body or a second recipient (`x@y.z?cc=…&body=…`).

/** A phone number needs at least this many digits to be worth dialling. */
const MIN_PHONE_DIGITS = 3;
const MAX_EMAIL_LENGTH = 254;

/**
 * Local part: letters, digits and the usual punctuation, but nothing that means something in a URL or an address
 * list (`?`, `&`, `#`, `%`, `,`, `;`, `<`, `>`, quotes, spaces). Domain: dot-separated labels of letters, digits and
 * inner hyphens, with at least one dot.
 */
const PLAIN_EMAIL =
  /^[\p{L}\p{N}!$'*+/=^_`{|}~-]+(?:\.[\p{L}\p{N}!$'*+/=^_`{|}~-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

/** Only digits and a leading plus go into the tel: URL; null when too few digits are left to call. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  return `tel:${phone.replace(/[^\d+]/g, '').startsWith('+') ? '+' : ''}${digits}`;
}

/** A mailto: URL for one plain address (each part percent-encoded, the `@` kept); null for anything else. */
export function mailtoHref(email: string): string | null {
  const address = email.trim();
  if (address.length > MAX_EMAIL_LENGTH || !PLAIN_EMAIL.test(address)) return null;
  const at = address.lastIndexOf('@');
  return `mailto:${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}
