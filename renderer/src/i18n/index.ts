// i18next set-up: English and Dutch bundled, the OS/browser language by default, the user's choice when made.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LanguageSetting } from '../../../src/api';
import en from './locales/en.json';
import nl from './locales/nl.json';

type Language = 'en' | 'nl';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function systemLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

function resolveLanguage(setting: LanguageSetting): Language {
  return setting === 'system' ? systemLanguage() : setting;
}

/** Switches the UI (and the document's lang attribute) to the language a setting stands for. */
export function applyLanguage(setting: LanguageSetting): void {
  const language = resolveLanguage(setting);
  document.documentElement.lang = language;
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl } },
  lng: systemLanguage(),
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});
document.documentElement.lang = systemLanguage();
