// The electronegativity audit (`npm run audit:electron`): it really finds an unsafe window in TypeScript, without
// touching the network; the served CSP goes through the tool's evaluator; a review covers exactly one finding.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  evaluateCsp,
  reviewFindings,
  scanSources,
  type AuditFinding,
} from '../../../scripts/electronegativity';
import { rendererCsp } from '../../../src/platform/csp';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs('piket-audit-');

const UNSAFE_WINDOW = `import { BrowserWindow, shell } from 'electron';
export function open(url: string): BrowserWindow {
  void shell.openExternal(url);
  return new BrowserWindow({
    webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true } satisfies object,
  });
}
`;

describe('scanSources', () => {
  it('finds an unsafe window and an unchecked openExternal in TypeScript, offline', async () => {
    const base = tempDir();
    mkdirSync(join(base, 'main'));
    mkdirSync(join(base, 'renderer'));
    writeFileSync(join(base, 'main', 'window.ts'), UNSAFE_WINDOW);
    writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    try {
      const scan = await scanSources({
        sources: { main: join(base, 'main'), renderer: join(base, 'renderer') },
        electronVersion: '45.5.0',
      });
      expect(connect).not.toHaveBeenCalled();
      expect(scan.parseErrors).toEqual([]);
      expect(scan.filesScanned).toBe(2);
      expect(scan.checksRun).toBeGreaterThan(30);
      const found = scan.findings.map((f) => `${f.check} ${f.file}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK main/window.ts',
          'SANDBOX_JS_CHECK main/window.ts',
          'OPEN_EXTERNAL_JS_CHECK main/window.ts',
          'LIMIT_NAVIGATION_GLOBAL_CHECK N/A',
          'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK N/A',
        ]),
      );
    } finally {
      connect.mockRestore();
    }
  });
});

describe('evaluateCsp', () => {
  it('reports an inline-script policy as HIGH', () => {
    const findings = evaluateCsp("default-src 'none'; script-src 'self' 'unsafe-inline'", 'test');
    expect(findings).toContainEqual(
      expect.objectContaining({
        check: 'CSP_SERVED_POLICY',
        severity: 'HIGH',
        file: 'test',
        sample: "script-src 'unsafe-inline'",
      }),
    );
  });

  it("finds nothing in the renderer's policy but the note on script-src 'self'", () => {
    expect(evaluateCsp(rendererCsp(), 'piket://app').map((f) => `${f.severity} ${f.sample}`)).toEqual([
      "MEDIUM_MAYBE script-src 'self'",
    ]);
  });
});

function finding(check: string, file: string, sample = ''): AuditFinding {
  return {
    check,
    file,
    sample,
    severity: 'MEDIUM',
    confidence: 'FIRM',
    line: 1,
    description: '',
    manualReview: false,
  };
}

describe('reviewFindings', () => {
  it('matches check, file and sample; one review covers one finding; unused reviews are stale', () => {
    const first = finding('SANDBOX_JS_CHECK', 'main/index.ts', 'const win = new BrowserWindow(');
    const second = finding('SANDBOX_JS_CHECK', 'main/index.ts', 'const alert = new BrowserWindow(');
    const elsewhere = finding('SANDBOX_JS_CHECK', 'main/other.ts', 'new BrowserWindow(');
    const result = reviewFindings(
      [first, second, elsewhere],
      [
        { check: 'SANDBOX_JS_CHECK', file: 'main/index.ts', sample: 'new BrowserWindow(', why: 'factory' },
        { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/index.ts', why: 'parsed' },
      ],
    );
    expect(result.reviewed).toEqual([{ finding: first, why: 'factory' }]);
    expect(result.unreviewed).toEqual([second, elsewhere]);
    expect(result.stale.map((review) => review.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
  });

  it('does not take a review for a finding whose sample differs', () => {
    const result = reviewFindings(
      [finding('CSP_SERVED_POLICY', 'piket://app', "script-src 'unsafe-inline'")],
      [
        {
          check: 'CSP_SERVED_POLICY',
          file: 'piket://app',
          sample: "script-src 'self'",
          why: 'own files only',
        },
      ],
    );
    expect(result.unreviewed).toHaveLength(1);
  });
});
