import { CxError } from '@cx/core';
import { sourceLocale, targetLocales } from './locale-codes.js';

/** A language of the elements: English (the source), French, German or Italian. */
export type CxLocale = typeof sourceLocale | (typeof targetLocales)[number];

const locales: readonly string[] = [sourceLocale, ...targetLocales];

// Each translation is a chunk of its own (cx-banner.<locale>.js in the
// script-tag build): only the one chosen is ever downloaded.
const loaders: Record<string, () => Promise<object>> = {
  fr: () => import('../locales/fr.js'),
  de: () => import('../locales/de.js'),
  it: () => import('../locales/it.js'),
};

type Localization = ReturnType<typeof import('./locale-runtime.js').configureLocalization>;

/** lit-localize, configured with the first language other than English (./locale-runtime.ts). */
let runtime: Localization | undefined;
let loading: Promise<Localization> | undefined;

/** The locale set by `setLocale()`, which wins over every `lang` attribute. */
let chosen: CxLocale | undefined;
/** The elements that have a `lang` attribute of their own, latest last. */
const hosts = new Set<Element>();

/** `fr-FR`, `FR`, `fr_ca` to `fr`; a language the elements do not speak to English. */
export function matchLocale(lang: string | null | undefined): CxLocale {
  const language = (lang ?? '').slice(0, 2).toLowerCase();
  return (locales.includes(language) ? language : sourceLocale) as CxLocale;
}

/** Loads the locale that wins now: `setLocale()`'s, else an element's `lang`, else the page's. */
function apply(): Promise<void> {
  const element = [...hosts].reverse().find((host) => host.isConnected);
  const locale = chosen ?? matchLocale(element ? element.getAttribute('lang') : globalThis.document?.documentElement.lang);
  // English is what the elements say without the runtime: nothing to load until another language is wanted.
  if (!loading && locale === sourceLocale) return Promise.resolve();
  loading ??= import('./locale-runtime.js').then(
    ({ configureLocalization, installDesktopTexts }) => {
      installDesktopTexts(); // Core's desktop notifications speak the elements' language too.
      return (runtime = configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (code) => loaders[code]!() as ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>,
      }));
    },
    (error: unknown) => {
      loading = undefined; // The network failed: the next change tries again.
      throw error;
    },
  );
  return loading.then((localization) => localization.setLocale(locale));
}

/**
 * Sets the language of every CX Banner element: `'en'`, `'fr'`, `'de'` or
 * `'it'`. It wins over the `lang` attributes; without an argument, the
 * elements follow them again (the element's own `lang`, else the page's).
 * Resolves once the translations are loaded and the elements re-render.
 *
 * @throws CxError `invalid-options` for another language; `feature-unavailable`
 * when its translations could not be downloaded (the elements keep their language).
 * @example
 * await CX.setLocale('fr');
 */
export function setLocale(locale?: CxLocale): Promise<void> {
  if (locale !== undefined && !locales.includes(locale)) {
    return Promise.reject(new CxError('invalid-options', `Unsupported locale "${String(locale)}": use one of ${locales.join(', ')}.`));
  }
  chosen = locale;
  return apply().catch((cause: unknown) => {
    throw new CxError('feature-unavailable', 'The translations could not be loaded.', { cause });
  });
}

/** An element's `lang` attribute changed, or the element came or went (see CxElement). */
export function followLang(host: Element): void {
  hosts.delete(host);
  if (host.isConnected && host.hasAttribute('lang')) hosts.add(host);
  follow();
}

/** Applies the locale in the background: one that fails to load (the network) leaves the current one. */
function follow(): void {
  apply().catch(() => undefined);
}

// A CRM that switches its language sets the page's `lang`: follow it.
if (typeof MutationObserver !== 'undefined' && globalThis.document) {
  new MutationObserver(follow).observe(document.documentElement, { attributeFilter: ['lang'] });
  follow();
}

/** The language the elements speak now (the last one loaded). */
export function getLocale(): CxLocale {
  return (runtime?.getLocale() ?? sourceLocale) as CxLocale;
}

/**
 * A date or time for people, in the language of the elements; in English
 * (the default) the browser's own conventions (12 or 24 hours) are kept.
 */
export function formatTime(date: Date, options: Intl.DateTimeFormatOptions): string {
  const locale = getLocale();
  // A formatter is costly to make (a popup paints within a frame): one per locale and options.
  const key = locale + JSON.stringify(options);
  return (formats[key] ??= new Intl.DateTimeFormat(locale === sourceLocale ? [] : locale, options)).format(date);
}

const formats: Record<string, Intl.DateTimeFormat> = {};
