// The frame around every page: name, the live connection status, the language switcher, the large-text option
// (for a classroom board), who is logged in and logout.
import { h } from '../dom.js';
import * as hub from '../hub.js';
import { LANGUAGES, getLanguage, onLanguageChange, setLanguage, t } from '../i18n.js';

const LARGE_TEXT_KEY = 'etwinning-collab.large-text';

function storedLargeText() {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === 'true';
  } catch {
    return false;
  }
}

/** @param {{ onLogout: () => void }} options */
export function renderShell({ onLogout }) {
  const statusText = h('span', { class: 'status-text' });
  const status = h('p', { class: 'connection-status', role: 'status', testid: 'connection-status', 'aria-live': 'polite' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }), statusText);
  const showStatus = () => {
    status.dataset.state = hub.getStatus();
    statusText.textContent = t(`connection.${hub.getStatus()}`);
  };
  hub.onStatus(showStatus);

  // Each language is named in itself, so someone who cannot read the current one still finds theirs.
  const language = h('select', { class: 'language-select', testid: 'language-select', onchange: () => setLanguage(language.value) },
    LANGUAGES.map(({ code, name }) => h('option', { value: code, lang: code, selected: code === getLanguage() }, name)));
  const languageLabel = h('label', { class: 'visually-hidden', for: 'language-select' });
  language.id = 'language-select';

  let largeText = storedLargeText();
  const largeTextButton = h('button', {
    type: 'button', class: 'toggle', testid: 'large-text-toggle',
    onclick: () => {
      largeText = !largeText;
      try {
        localStorage.setItem(LARGE_TEXT_KEY, String(largeText));
      } catch {
        // This visit only.
      }
      applyLargeText();
    },
  });
  const applyLargeText = () => {
    document.documentElement.classList.toggle('large-text', largeText);
    largeTextButton.setAttribute('aria-pressed', String(largeText));
  };
  applyLargeText();

  const accountName = h('span', { class: 'account-name', testid: 'account-name' });
  const logout = h('button', { type: 'button', class: 'link-button', testid: 'logout', onclick: onLogout });
  const account = h('div', { class: 'account', hidden: true }, accountName, logout);
  const main = h('main', { id: 'main', tabindex: '-1' });
  const skip = h('a', { href: '#main', class: 'skip-link', onclick: (event) => { event.preventDefault(); main.focus(); } });
  const brand = h('span', { class: 'brand' }, 'eTwinning Collab');
  const root = h('div', { class: 'app' },
    skip,
    h('header', { class: 'topbar' },
      brand,
      status,
      h('div', { class: 'preferences' }, languageLabel, language, largeTextButton),
      account),
    main);

  function relabel() {
    skip.textContent = t('shell.skipToContent');
    languageLabel.textContent = t('shell.language');
    largeTextButton.textContent = t('shell.largeText');
    logout.textContent = t('shell.logout');
    language.value = getLanguage();
    showStatus();
  }
  relabel();
  onLanguageChange(relabel);

  return {
    root,
    main,
    /** Shows who is logged in, or nobody. */
    setAccount(current) {
      account.hidden = !current;
      accountName.textContent = current ? current.displayName : '';
    },
  };
}
