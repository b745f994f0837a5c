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
    ['linux (no Secret Service: basic_text)', 'linux', backend(true, 'basic_text')],
    ['linux (backend not known yet)', 'linux', backend(true, 'unknown')],
    ['darwin (no keychain)', 'darwin', backend(false, 'unknown')],
    ['win32 (DPAPI unavailable)', 'win32', backend(false, 'unknown')],
  ] as const)('refuses to keep a token on %s, saying why', (_label, platform, safe) => {
    const store = memory();
    const keychain = createKeychain(safe, store, platform);
    expect(() => keychain.save('acme', 'zd-token-1234')).toThrow(SecretError);
    expect(() => keychain.save('acme', 'zd-token-1234')).toThrow(/environment variable or a token file/);
    expect(store.data.size).toBe(0);
  });

  it.each([
    ['linux', 'kwallet5'],
    ['darwin', 'unknown'],
    ['win32', 'unknown'],
  ] as const)('keeps a token on %s with backend %s', (platform, name) => {
    const keychain = createKeychain(backend(true, name), memory(), platform);
    keychain.save('acme', 'zd-token-1234');
    expect(keychain.read('acme')).toBe('zd-token-1234');
  });

  it('refuses to read a kept token back once only plain text is possible, and keeps it', () => {
    const store = memory();
    createKeychain(backend(true, 'gnome_libsecret'), store, 'linux').save('acme', 'zd-token-1234');
    const degraded = createKeychain(backend(true, 'basic_text'), store, 'linux');
    expect(() => degraded.read('acme')).toThrow(/no keychain Piket can use/);
    expect(store.data.has('acme')).toBe(true);
  });

  it('turns a keychain that cannot encrypt or decrypt into a SecretError that never holds the token', () => {
    const store = memory();
    const broken = {
      ...backend(true, 'gnome_libsecret'),
      encryptString: (text: string): Buffer => {
        throw new Error(`Error while encrypting ${text}`);
      },
      decryptString: (): string => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    } satisfies KeychainBackend;
    const keychain = createKeychain(broken, store, 'linux');
    expect(() => keychain.save('acme', 'zd-token-1234')).toThrow(SecretError);
    let message = '';
    try {
      keychain.save('acme', 'zd-token-1234');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/refused to encrypt/);
    expect(message).not.toContain('zd-token-1234');
    expect(store.data.size).toBe(0);
    store.data.set('acme', Buffer.from('garbage').toString('base64'));
    expect(() => keychain.read('acme')).toThrow(SecretError);
    expect(() => keychain.read('acme')).toThrow(/cannot be decrypted/);
  });
});
