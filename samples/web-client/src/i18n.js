// Message catalogues: every text a person reads in this client comes from src/locales/<code>.js through t().
// The language is the one chosen with the switcher (kept in localStorage), else the browser's first supported
// language, else English. Dates and numbers are formatted by Intl for the same locale.
import de from './locales/de.js';
import en from './locales/en.js';
import es from './locales/es.js';
import fr from './locales/fr.js';
import it from './locales/it.js';
import pl from './locales/pl.js';
import pt from './locales/pt.js';

const STORAGE_KEY = 'etwinning-collab.language';

/** The languages offered, in the switcher's order, each named in itself. */
export const LANGUAGES = [
  { code: 'en', name: 'English', messages: en },
  { code: 'de', name: 'Deutsch', messages: de },
  { code: 'fr', name: 'Français', messages: fr },
  { code: 'it', name: 'Italiano', messages: it },
  { code: 'pl', name: 'Polski', messages: pl },
  { code: 'pt', name: 'Português', messages: pt },
  { code: 'es', name: 'Español', messages: es },
];

const byCode = new Map(LANGUAGES.map((language) => [language.code, language]));
const listeners = new Set();

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage can be off (private mode, school policies): the browser's language still works.
  }
}

/** The best supported language for a list of BCP 47 tags ("pt-BR" -> "pt"), or English. */
export function pickLanguage(tags) {
  for (const tag of tags ?? []) {
    const code = String(tag).toLowerCase().split('-')[0];
    if (byCode.has(code)) return code;
  }
  return 'en';
}

let current = byCode.get(stored() ?? '') ?? byCode.get(pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]));
let pluralRules = new Intl.PluralRules(current.code);
let formatLocale = formatLocaleOf(current.code);
document.documentElement.lang = current.code;

// Dates and numbers follow the browser's own variant of the language when it has one (en-GB writes 3/12/2026,
// en-US 12/3/2026; pt-BR and pt-PT differ too), otherwise the language's default.
function formatLocaleOf(code) {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  return tags.find((tag) => String(tag).toLowerCase().split('-')[0] === code) ?? code;
}

/** The language code in use ("en", "de", ...). */
export function getLanguage() {
  return current.code;
}

/** Switches the language, remembers the choice and tells the listeners (who re-render). */
export function setLanguage(code) {
  const next = byCode.get(code);
  if (!next || next === current) return;
  current = next;
  pluralRules = new Intl.PluralRules(current.code);
  formatLocale = formatLocaleOf(current.code);
  document.documentElement.lang = current.code;
  try {
    localStorage.setItem(STORAGE_KEY, current.code);
  } catch {
    // Not remembered across visits; this visit still switches.
  }
  for (const listener of [...listeners]) listener(current.code);
}

/** Calls `listener(code)` after every language switch. Returns an unsubscribe. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The message `key` in the current language with `{name}` placeholders filled from `params`. A message may be
 * plural forms (`{ one, few, many, other }`), chosen by `params.count` with Intl.PluralRules. A key missing in a
 * catalogue falls back to English (build.mjs refuses catalogues with missing keys, so this is a safety net).
 */
export function t(key, params) {
  let message = current.messages[key] ?? en[key];
  if (message === undefined) return key;
  if (typeof message === 'object') message = message[pluralRules.select(Number(params?.count ?? 0))] ?? message.other;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/** A number in the current locale (1 234,5 / 1,234.5). */
export function formatNumber(value, options) {
  return new Intl.NumberFormat(formatLocale, options).format(value);
}

/**
 * A date and time in the current locale; `style` "short" (dates and times short) or "long" (full date); in `timeZone`
 * (an IANA name) when given, else the browser's own.
 */
export function formatDateTime(value, style = 'short', timeZone = undefined) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const options = style === 'long' ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(formatLocale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(formatLocale, options).format(date); // A zone this browser does not know.
  }
}

/** A date only, in the current locale. */
export function formatDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium' }).format(date);
}

/** A file size in KB/MB/GB with the locale's digits. */
export function formatBytes(bytes) {
  const units = [['GB', 1024 ** 3], ['MB', 1024 ** 2]];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${formatNumber(bytes / size, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} ${unit}`;
  }
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
