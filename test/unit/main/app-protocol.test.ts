// The piket://app protocol serves only the built renderer, with the CSP, right MIME types and no traversal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppPath,
} from '../../../main/app-protocol';
import { mimeTypeFor } from '../../../src/platform/renderer-files';
import { rendererCsp } from '../../../src/platform/csp';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs('piket-protocol-');

describe('isAppUrl', () => {
  it.each(['piket://app/', 'piket://app/index.html', 'piket://app/assets/x.js?v=1#top'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
    },
  );
  it.each([
    'https://app/index.html',
    'file:///index.html',
    'piket://evil/index.html',
    'piket://app.evil.example/',
    'piket://app:8080/',
    'piket://user@app/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
  it('refuses non-strings', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(42)).toBe(false);
  });
});

describe('resolveAppPath', () => {
  const root = '/srv/out/renderer';
  it('maps the root and folders to index.html', () => {
    expect(resolveAppPath('piket://app/', root)).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppPath('piket://app', root)).toEqual({ ok: true, filePath: join(root, 'index.html') });
    expect(resolveAppPath('piket://app/assets/', root)).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'index.html'),
    });
  });
  it('decodes ordinary escapes', () => {
    expect(resolveAppPath('piket://app/assets/my%20file.js', root)).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'my file.js'),
    });
  });
  it.each([
    ['piket://app/assets/..%2f..%2fsecret.txt', 403],
    ['piket://app/..%5c..%5csecret.txt', 403],
    ['piket://app/index.html%00.png', 403],
    ['piket://evil/index.html', 403],
    ['https://app/index.html', 403],
    ['piket://app/%E0%A4%A', 400],
    ['piket://app/.env', 404],
    ['piket://app/assets/.hidden/x.js', 404],
  ] as const)('refuses %s with %i', (url, status) => {
    expect(resolveAppPath(url, root)).toEqual({ ok: false, status });
  });
  it('never resolves outside the root, whatever dot segments the URL has', () => {
    for (const url of [
      'piket://app/../secret.txt',
      'piket://app/%2e%2e/secret.txt',
      'piket://app/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
      'piket://app/./../../x',
    ]) {
      const resolved = resolveAppPath(url, root);
      if (resolved.ok) expect(resolved.filePath.startsWith(root + '/')).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['A.PNG', 'image/png'],
    ['alert.wav', 'audio/wav'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.unknown', 'application/octet-stream'],
    ['Makefile', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => {
    expect(mimeTypeFor(file)).toBe(mime);
  });
});

describe('createAppProtocolHandler', () => {
  let handler: (request: Request) => Promise<Response>;
  const csp = rendererCsp();

  beforeAll(() => {
    const base = tempDir();
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Piket</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, '.env'), 'SECRET=1');
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    handler = createAppProtocolHandler({ rootDir: root, csp });
  });

  it('serves index.html with the CSP and security headers', async () => {
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Piket</title>');
  });

  it.each([
    ['piket://app/assets/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['piket://app/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['piket://app/assets/logo.svg', 'image/svg+xml', '<svg/>'],
    ['piket://app/', 'text/html; charset=utf-8', '<!doctype html><title>Piket</title>'],
  ])('serves %s as %s', async (url, mime, body) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mime);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(await response.text()).toBe(body);
  });

  it.each([
    'piket://app/../secret.txt',
    'piket://app/%2e%2e/secret.txt',
    'piket://app/assets/..%2f..%2fsecret.txt',
    'piket://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'piket://app/..%5csecret.txt',
    'piket://app/.env',
    'piket://app/missing.js',
    'piket://app/assets',
    'piket://other/index.html',
  ])('does not leak anything for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('SECRET');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await handler(new Request(APP_ENTRY_URL, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('turns read errors into 404, never a throw', async () => {
    const failing = createAppProtocolHandler({
      rootDir: '/nowhere',
      csp,
      readFile: () => Promise.reject(new Error('EACCES: permission denied, open /nowhere/index.html')),
    });
    const response = await failing(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('EACCES');
  });
});
