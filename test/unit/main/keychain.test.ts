// The keychain keeps only encrypted tokens, and refuses (saying why) where safeStorage would store plain text.
import { describe, expect, it } from 'vitest';
import { createKeychain, type EncryptedStore, type KeychainBackend } from '../../../main/keychain';
import { SecretError } from '../../../src/platform/secrets';

/** A stand-in for the OS keychain: reversible, and visibly not the plain text. */
function backend(available: boolean, name: ReturnType<KeychainBackend['getSelectedStorageBackend']>) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => name,
    encryptString: (text: string) => Buffer.from([...text].reverse().join(''), 'utf8'),
    decryptString: (bytes: Buffer) => [...bytes.toString('utf8')].reverse().join(''),
  } satisfies KeychainBackend;
}

function memory(): EncryptedStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  };
}

describe('createKeychain', () => {
  it('stores the token encrypted, reads it back and forgets it', () => {
    const store = memory();
    const keychain = createKeychain(backend(true, 'gnome_libsecret'), store, 'linux');
    keychain.save('acme', 'zd-token-1234');
    expect([...store.data.values()].join()).not.toContain('zd-token-1234');
    expect(keychain.read('acme')).toBe('zd-token-1234');
    keychain.remove('acme');
    expect(keychain.read('acme')).toBeNull();
  });

  it.each([
    ['linux', backend(true, 'basic_text')],
    ['darwin', backend(false, 'unknown')],
  ] as const)('refuses to keep a token on %s when only plain text is possible', (platform, safe) => {
    const store = memory();
    const keychain = createKeychain(safe, store, platform);
    expect(() => keychain.save('acme', 'zd-token-1234')).toThrow(SecretError);
    expect(() => keychain.save('acme', 'zd-token-1234')).toThrow(/environment variable or a token file/);
    expect(store.data.size).toBe(0);
  });
});
