// Picks the UI language (system, English, Dutch); the choice is stored through updateSettings.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageSetting } from '../../../src/api/methods';
import { useAppStore } from '../state/app-store';

export function LanguageSwitch({ showLabel = false }: { showLabel?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useAppStore((state) => state.settings?.language ?? 'system');
  const setLanguage = useAppStore((state) => state.setLanguage);
  return (
    <span className="language-switch">
      <label htmlFor={id} className={showLabel ? undefined : 'visually-hidden'}>
        {t('header.language')}
      </label>
      <select
        id={id}
        value={language}
        onChange={(event) => void setLanguage(event.target.value as LanguageSetting)}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
