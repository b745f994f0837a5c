// What the user types as a Zendesk address, made into the base URL the connector calls: a subdomain, a host name
// or a full URL. The API token travels in every request, so only https is accepted, except on this computer (a
// test server or a local proxy).
const SUBDOMAIN = /^[a-z0-9][a-z0-9-]*$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The base URL without a trailing slash, e.g. https://acme.zendesk.com; throws an Error that says what is wrong. */
export function zendeskBaseUrl(input: string): string {
  const text = input.trim();
  if (SUBDOMAIN.test(text)) return `https://${text.toLowerCase()}.zendesk.com`;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error(
      `"${text}" is not a Zendesk address: give the subdomain (acme) or a URL (https://acme.zendesk.com).`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new Error(
      `Piket sends your API token only over https; http is accepted for this computer only (127.0.0.1), not ${url.host}.`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`"${text}" is not a web address (use https://).`);
  if (url.username || url.password)
    throw new Error('Leave the login out of the address; give it with the e-mail.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new Error(`Give the address of the Zendesk itself (${url.origin}), without a path.`);
  return url.origin;
}

/** A connection name from the base URL: the subdomain of *.zendesk.com, else "zendesk". */
export function zendeskDefaultId(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  const match = /^([a-z0-9][a-z0-9-]*)\.zendesk\.com$/.exec(host);
  return match ? match[1]!.slice(0, 40) : 'zendesk';
}
