// Vietnamese first, English second. Each module declares its own texts with `defineMessages`
// (both languages, same keys, checked by the compiler) and reads them with `useMessages`.
// The choice is kept in localStorage and in the `lang` cookie, so the API answers in the same
// language (its error messages come back translated).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

const STORAGE_KEY = 'giamngheo.lang';

/** A module's texts in both languages; the English side must have exactly the Vietnamese keys. */
export type Messages<K extends string> = { vi: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

/** Fills `{name}` placeholders: fill('Xin chào {name}', { name: 'An' }). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** A text given inline in both languages (navigation labels of modules). */
export type Bilingual = { vi: string; en: string };

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // Private mode or disabled storage: fall back to the cookie, then Vietnamese.
  }
  const cookie = /(?:^|;\s*)lang=(vi|en)\b/.exec(document.cookie);
  return (cookie?.[1] as Lang | undefined) ?? 'vi';
}

function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.cookie = `lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  dayjs.locale(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Nothing to persist to; the cookie still carries the choice.
  }
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    // Set the cookie before the re-render so queries refetched in the new language use it.
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLang(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useLang outside I18nProvider');
  return v;
}

/** The texts of `messages` in the current language. */
export function useMessages<K extends string>(messages: Messages<K>): Record<K, string> {
  const { lang } = useLang();
  return messages[lang];
}

/** Picks the current language's side of a bilingual text. */
export function useBilingual(): (text: Bilingual) => string {
  const { lang } = useLang();
  return useCallback((text: Bilingual) => text[lang], [lang]);
}
