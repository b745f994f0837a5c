// The contracts file on disk: created with the defaults when missing, never overwritten, clear messages when wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractsFile } from '../../../src/core/contracts-file';
import { DEFAULT_CONTRACTS } from '../../../src/sla/contracts';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('loadContractsFile', () => {
  it('creates a missing file with the default contracts, as readable JSON', () => {
    const file = join(tempDir(), 'contracts.json');
    expect(loadContractsFile(file, { create: true })).toEqual({ ok: true, config: DEFAULT_CONTRACTS });
    const written = readFileSync(file, 'utf8');
    expect(JSON.parse(written)).toEqual(DEFAULT_CONTRACTS);
    expect(written).toContain('"mon": [["09:00","17:00"]]');
    expect(written.split('\n').length).toBeGreaterThan(20);
  });

  it('says where a JSON syntax error is, and leaves the file as the user wrote it', () => {
    const file = join(tempDir(), 'contracts.json');
    const text = '{\n  "calendars": {},\n  "policies": { oops }\n}\n';
    writeFileSync(file, text);
    const loaded = loadContractsFile(file, { create: true });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toMatch(/^contracts\.json is not valid JSON \(line 3, column \d+\)/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('passes on the validation message that names the problem and its place', () => {
    const file = join(tempDir(), 'contracts.json');
    const broken = structuredClone(DEFAULT_CONTRACTS) as unknown as {
      policies: Record<string, { priorities: Record<string, { response: string }> }>;
    };
    const policy = Object.values(broken.policies)[0]!;
    policy.priorities.P2!.response = '2x';
    writeFileSync(file, JSON.stringify(broken));
    const loaded = loadContractsFile(file, { create: true });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toContain('priorities.P2.response');
    expect(!loaded.ok && loaded.error).toContain('"2x"');
  });
});
