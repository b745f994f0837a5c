// The renderer's Content Security Policy (one for both hosts) allows scripts only from the app's own files: no
// inline script, no eval, no plugins, no framing, no other origin. The page itself needs nothing more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../../src/platform/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('rendererCsp', () => {
  const policy = directives(rendererCsp());

  it('denies by default and allows scripts, styles and fonts only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('closes plugins, <base>, form posts and framing', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline script, eval or a wildcard, also with extra connect sources', () => {
    const browserMode = rendererCsp({ connectSrc: ['ws://127.0.0.1:4800', 'ws://localhost:4800'] });
    for (const text of [rendererCsp(), browserMode]) {
      expect(text).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:|blob:/);
    }
    expect(directives(browserMode).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:4800',
      'ws://localhost:4800',
    ]);
  });
});

describe('renderer/index.html', () => {
  const html = readFileSync(join(process.cwd(), 'renderer', 'index.html'), 'utf8');

  it('has no inline script or inline event handler the CSP would block', () => {
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});
