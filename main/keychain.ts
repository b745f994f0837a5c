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

export function createKeychain(
  backend: KeychainBackend,
  store: EncryptedStore,
  platform: NodeJS.Platform,
): Keychain {
  const usable = (): boolean =>
    backend.isEncryptionAvailable() &&
    !(platform === 'linux' && backend.getSelectedStorageBackend() === 'basic_text');
  return {
    save: (key, secret) => {
      if (!usable()) throw new SecretError(NO_KEYCHAIN);
      store.set(key, backend.encryptString(secret).toString('base64'));
    },
    read: (key) => {
      const encrypted = store.get(key);
      if (encrypted === undefined) return null;
      if (!usable()) throw new SecretError(NO_KEYCHAIN);
      return backend.decryptString(Buffer.from(encrypted, 'base64'));
    },
    remove: (key) => store.delete(key),
  };
}
