// The web host's gate: loopback Host only, same Origin only, and the per-launch token by query or cookie.
import { describe, expect, it } from 'vitest';
import { checkRequest, tokenCookieName } from '../../../src/web/request-guard';

const PORT = 4567;
const TOKEN = 'secret-token-of-this-launch';

function request(headers: Record<string, string>, url = '/') {
  return { headers, url };
}

describe('checkRequest', () => {
  it('accepts the token in the query string', () => {
    expect(
      checkRequest(request({ host: `127.0.0.1:${PORT}` }, `/?token=${TOKEN}`), PORT, TOKEN, false),
    ).toEqual({
      allow: true,
      via: 'query',
    });
  });

  it('accepts the token cookie of this port only', () => {
    const cookie = `other=1; ${tokenCookieName(PORT)}=${TOKEN}`;
    expect(checkRequest(request({ host: `localhost:${PORT}`, cookie }), PORT, TOKEN, false)).toMatchObject({
      allow: true,
      via: 'cookie',
    });
    const otherPort = `${tokenCookieName(PORT + 1)}=${TOKEN}`;
    expect(
      checkRequest(request({ host: `localhost:${PORT}`, cookie: otherPort }), PORT, TOKEN, false),
    ).toMatchObject({
      allow: false,
      status: 401,
    });
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(checkRequest(request({ host: `127.0.0.1:${PORT}` }), PORT, TOKEN, false)).toMatchObject({
      allow: false,
      status: 401,
    });
    expect(
      checkRequest(request({ host: `127.0.0.1:${PORT}` }, '/?token=guess'), PORT, TOKEN, false),
    ).toMatchObject({
      allow: false,
      status: 401,
    });
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token', () => {
    const verdict = checkRequest(
      request({ host: `evil.example:${PORT}` }, `/?token=${TOKEN}`),
      PORT,
      TOKEN,
      false,
    );
    expect(verdict).toMatchObject({ allow: false, status: 421 });
  });

  it('refuses a foreign Origin even with the right token', () => {
    const headers = {
      host: `127.0.0.1:${PORT}`,
      origin: 'http://evil.example',
      cookie: `${tokenCookieName(PORT)}=${TOKEN}`,
    };
    expect(checkRequest(request(headers), PORT, TOKEN, false)).toMatchObject({ allow: false, status: 403 });
  });

  it('requires an Origin when asked to (WebSocket upgrades)', () => {
    const headers = { host: `127.0.0.1:${PORT}`, cookie: `${tokenCookieName(PORT)}=${TOKEN}` };
    expect(checkRequest(request(headers), PORT, TOKEN, true)).toMatchObject({ allow: false, status: 403 });
    expect(
      checkRequest(request({ ...headers, origin: `http://127.0.0.1:${PORT}` }), PORT, TOKEN, true),
    ).toMatchObject({
      allow: true,
    });
  });
});
