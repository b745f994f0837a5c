// "Add Zendesk": the address, the login's e-mail, an optional name, and where the API token is kept (an environment
// variable or a file the core reads at each use, or, in the desktop app only, the keychain). The core checks it all;
// its message is shown next to the form. Once added, the connection is tested at once.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionsStore, type AddConnectionArgs } from '../state/connections-store';

type Store = 'env' | 'file' | 'keychain';

/** Only the desktop app (its preload bridge) has a keychain to keep a pasted token in. */
const HAS_KEYCHAIN = Boolean(window.piket);

export function ZendeskForm() {
  const { t } = useTranslation();
  const ids = {
    title: useId(),
    url: useId(),
    urlHint: useId(),
    email: useId(),
    name: useId(),
    nameHint: useId(),
    secret: useId(),
    secretHint: useId(),
    keychainNote: useId(),
    error: useId(),
  };
  const add = useConnectionsStore((state) => state.add);
  const [url, setUrl] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [store, setStore] = useState<Store>('env');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function secretSpec(): AddConnectionArgs['secret'] {
    const value = secret.trim();
    if (store === 'env') return { store, name: value };
    if (store === 'file') return { store, path: value };
    return { store, token: value };
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const args: AddConnectionArgs = { kind: 'zendesk', url, email: email.trim(), secret: secretSpec() };
    if (name.trim() !== '') args.id = name.trim();
    const result = await add(args);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setUrl('');
    setEmail('');
    setName('');
    setSecret('');
  }

  const secretLabel = {
    env: t('connections.form.envName'),
    file: t('connections.form.filePath'),
    keychain: t('connections.form.token'),
  }[store];
  const describedBy = error === null ? undefined : ids.error;

  return (
    <form
      className="connections-section zendesk-form"
      aria-labelledby={ids.title}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={ids.title}>{t('connections.form.title')}</h3>
      <div className="form-field">
        <label htmlFor={ids.url}>{t('connections.form.url')}</label>
        <input
          id={ids.url}
          value={url}
          required
          maxLength={500}
          autoComplete="url"
          spellCheck={false}
          aria-describedby={[ids.urlHint, describedBy].filter(Boolean).join(' ')}
          onChange={(event) => setUrl(event.target.value)}
        />
        <p id={ids.urlHint} className="form-hint">
          {t('connections.form.urlHint')}
        </p>
      </div>
      <div className="form-field">
        <label htmlFor={ids.email}>{t('connections.form.email')}</label>
        <input
          id={ids.email}
          type="email"
          value={email}
          required
          maxLength={320}
          autoComplete="email"
          aria-describedby={describedBy}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="form-field">
        <label htmlFor={ids.name}>{t('connections.form.name')}</label>
        <input
          id={ids.name}
          value={name}
          maxLength={40}
          spellCheck={false}
          aria-describedby={[ids.nameHint, describedBy].filter(Boolean).join(' ')}
          onChange={(event) => setName(event.target.value)}
        />
        <p id={ids.nameHint} className="form-hint">
          {t('connections.form.nameHint')}
        </p>
      </div>
      <fieldset className="form-field secret-choice">
        <legend>{t('connections.form.where')}</legend>
        {(['env', 'file', 'keychain'] as const).map((choice) => (
          <label key={choice} className="radio">
            <input
              type="radio"
              name="secret-store"
              value={choice}
              checked={store === choice}
              disabled={choice === 'keychain' && !HAS_KEYCHAIN}
              aria-describedby={choice === 'keychain' && !HAS_KEYCHAIN ? ids.keychainNote : undefined}
              onChange={() => {
                setStore(choice);
                setSecret('');
              }}
            />
            {t(`connections.form.store.${choice}`)}
          </label>
        ))}
        {!HAS_KEYCHAIN && (
          <p id={ids.keychainNote} className="form-hint">
            {t('connections.form.keychainDesktopOnly')}
          </p>
        )}
      </fieldset>
      <div className="form-field">
        <label htmlFor={ids.secret}>{secretLabel}</label>
        <input
          id={ids.secret}
          type={store === 'keychain' ? 'password' : 'text'}
          value={secret}
          required
          maxLength={store === 'file' ? 1000 : 500}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={[ids.secretHint, describedBy].filter(Boolean).join(' ')}
          onChange={(event) => setSecret(event.target.value)}
        />
        <p id={ids.secretHint} className="form-hint">
          {t(`connections.form.hint.${store}`)}
        </p>
      </div>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('connections.form.adding') : t('connections.form.add')}
        </button>
      </div>
    </form>
  );
}
