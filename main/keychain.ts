// The desktop app's keychain for connection tokens: Electron safeStorage encrypts each token with the operating
// system's keychain, and only the encrypted bytes are kept (in the shell's own electron-store file, never in the
// core's SQLite database or a log). Where safeStorage could only fall back to plain text, it refuses and says so.
import type { SafeStorage } from 'electron';
import { SecretError, type Keychain } from '../src/platform/secrets';

/** Where the encrypted tokens are kept (electron-store in the app; a Map in tests). */
export interface EncryptedStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export type KeychainBackend = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

const NO_KEYCHAIN =
  'This computer has no keychain Piket can use to encrypt the token (on Linux: no Secret Service such as GNOME Keyring or KWallet is running). Keep the token in an environment variable or a token file instead.';

/**
 * Linux backends that only pretend to encrypt: `basic_text` is a fixed, public key (no Secret Service found), and
 * `unknown` means safeStorage was asked before the app was ready, so which one it will use is not known yet.
 */
const PLAIN_TEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export function createKeychain(
  backend: KeychainBackend,
  store: EncryptedStore,
  platform: NodeJS.Platform,
): Keychain {
  const usable = (): boolean =>
    backend.isEncryptionAvailable() &&
    !(platform === 'linux' && PLAIN_TEXT_BACKENDS.has(backend.getSelectedStorageBackend()));
  return {
    save: (key, secret) => {
      if (!usable()) throw new SecretError(NO_KEYCHAIN);
      let encrypted: Buffer;
      try {
        encrypted = backend.encryptString(secret);
      } catch {
        throw new SecretError(
          'The keychain refused to encrypt the token. Unlock it and try again, or keep the token in an environment variable or a token file.',
        );
      }
      store.set(key, encrypted.toString('base64'));
    },
    read: (key) => {
      const encrypted = store.get(key);
      if (encrypted === undefined) return null;
      if (!usable()) throw new SecretError(NO_KEYCHAIN);
      try {
        return backend.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        throw new SecretError(
          'The token kept in the keychain cannot be decrypted any more (the keychain was reset, is locked, or belongs to another user); unlock it, or connect again.',
        );
      }
    },
    remove: (key) => store.delete(key),
  };
}
