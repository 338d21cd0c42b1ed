// The frame around every page: name, who is logged in, logout, and the live connection status.
import { h } from '../dom.js';
import * as hub from '../hub.js';

const STATUS_TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

/** @param {{ onLogout: () => void }} options */
export function renderShell({ onLogout }) {
  const statusText = h('span', { class: 'status-text' });
  const status = h('p', { class: 'connection-status', role: 'status', testid: 'connection-status', 'aria-live': 'polite' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }), statusText);
  hub.onStatus((next) => {
    status.dataset.state = next;
    statusText.textContent = STATUS_TEXT[next];
  });

  const accountName = h('span', { class: 'account-name', testid: 'account-name' });
  const logout = h('button', { type: 'button', class: 'link-button', testid: 'logout', onclick: onLogout }, 'Log out');
  const account = h('div', { class: 'account', hidden: true }, accountName, logout);
  const main = h('main', { id: 'main', tabindex: '-1' });
  const root = h('div', { class: 'app' },
    h('a', { href: '#main', class: 'skip-link', onclick: (event) => { event.preventDefault(); main.focus(); } },
      'Skip to content'),
    h('header', { class: 'topbar' },
      h('span', { class: 'brand' }, 'eTwinning Collab'),
      status,
      account),
    main);

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
