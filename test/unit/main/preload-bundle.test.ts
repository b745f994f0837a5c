// A sandboxed preload can require only `electron` (and a few Node-free built-ins): bundle it with the project's
// own electron-vite configuration and check that nothing else is left to require at runtime.
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

async function bundlePreload(): Promise<Rollup.OutputChunk[]> {
  const resolved = await resolveConfig({ root: process.cwd(), logLevel: 'silent' }, 'build', 'production');
  const preload = resolved.config?.preload as InlineConfig | undefined;
  if (!preload) throw new Error('electron.vite.config.ts has no preload section');
  const result = await build({ ...preload, logLevel: 'silent', build: { ...preload.build, write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
}

describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron', async () => {
    const chunks = await bundlePreload();
    expect(chunks.map((c) => c.fileName)).toEqual(['index.cjs']);
    const code = chunks[0]?.code ?? '';
    const required = [...new Set([...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld');
  });
});
