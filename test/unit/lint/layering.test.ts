// Proves the lint configuration enforces the layering: src/ is host-neutral, renderer/ is browser-only.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layering lint', () => {
  it.each([
    ['src/core/uses-electron.ts', "import { app } from 'electron';\nexport const a = app;\n", 'Only main/'],
    ['src/store/uses-react.ts', "import { useState } from 'react';\nexport const s = useState;\n", 'UI code'],
    [
      'src/sla/uses-fs.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no Node',
    ],
    ['src/core/uses-dom.ts', 'export const title = document.title;\n', 'no DOM'],
    [
      'renderer/src/uses-fs.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no Node',
    ],
    [
      'renderer/src/uses-sqlite.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;\n",
      'no Node',
    ],
    [
      'renderer/src/uses-store.ts',
      "import { TicketStore } from '../../src/store/ticket-store';\nexport const t = TicketStore;\n",
      'through the API',
    ],
    [
      'renderer/src/uses-electron.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      'Only main/',
    ],
  ])('%s is refused', async (filePath, code, reason) => {
    const errors = await restrictedImportErrors(filePath, code);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    ['main/uses-electron.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'renderer/src/uses-api.ts',
      "import { createApiClient } from '../../src/api';\nexport const c = createApiClient;\n",
    ],
    ['src/store/uses-sqlite.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
  ])('%s is allowed', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
