// The example in docs/contracts.md is a valid contracts file, so the documentation cannot drift from the parser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileContracts, parseContracts } from '../../../src/sla/contracts';

describe('docs/contracts.md', () => {
  it('shows a contracts file that Piket accepts', () => {
    const doc = readFileSync('docs/contracts.md', 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const config = parseContracts(JSON.parse(example!));
    expect(compileContracts(config).policyFor('demo:noordkade').name).toBe('standard');
  });
});
