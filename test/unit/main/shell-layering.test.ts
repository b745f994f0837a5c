// The shell stays thin and testable: only the composition root, the electron-store adapter and the preload
// entry import electron at runtime; everything else uses `import type` and runs under plain Node.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const mainDir = join(root, 'main');
const RUNTIME_ELECTRON_ALLOWED = new Set([
  'main/index.ts',
  'main/shell-settings.ts',
  'main/preload/index.ts',
]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers imported for their values (type-only imports and re-exports are skipped). */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    if (match[5]) {
      specifiers.push(match[5]);
      continue;
    }
    if (match[2]) continue; // import type … / export type …
    const clause = match[3] ?? '';
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (named && named[1]?.split(',').every((part) => part.trim() === '' || part.trim().startsWith('type ')))
      continue;
    specifiers.push(match[4] ?? '');
  }
  return specifiers;
}

const files = tsFiles(mainDir).map((path) => ({
  name: relative(root, path).split('\\').join('/'),
  imports: valueImports(readFileSync(path, 'utf8')),
}));

describe('shell layering', () => {
  it('finds the shell sources', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining([...RUNTIME_ELECTRON_ALLOWED]));
  });

  it.each(
    files.filter((f) => !RUNTIME_ELECTRON_ALLOWED.has(f.name)).map((f) => [f.name, f.imports] as const),
  )('%s does not load electron at runtime', (_name, imports) => {
    expect(
      imports.filter(
        (spec) => spec === 'electron' || spec.startsWith('electron/') || spec === 'electron-store',
      ),
    ).toEqual([]);
  });

  it.each(files.filter((f) => f.name.startsWith('main/preload/')).map((f) => [f.name, f.imports] as const))(
    '%s imports only electron, its own folder and src/api',
    (_name, imports) => {
      for (const spec of imports) {
        expect(
          spec === 'electron' || /^\.\/[\w-]+$/.test(spec) || /^\.\.\/\.\.\/src\/api(\/[\w-]+)?$/.test(spec),
        ).toBe(true);
      }
    },
  );

  it('recognises type-only imports', () => {
    expect(
      valueImports(
        "import type { A } from 'electron';\nimport { type B, type C } from 'electron';\nimport { app } from 'electron';\nimport './side-effect';\n",
      ),
    ).toEqual(['electron', './side-effect']);
  });
});
