// Pupil credentials: a table shown once right after creating (or resetting) them, and a printable sheet
// with one card per pupil to cut out. Passwords are never stored: they exist only in this page's memory.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The table of new credentials, with the one-time warning and the print button. */
export function credentialsPanel({ twinSpace, credentials, heading = t('credentials.heading') }) {
  const rows = credentials.map((credential) =>
    h('tr', { testid: 'credentials-row', dataset: { accountId: credential.accountId } },
      h('td', { testid: 'credential-nickname' }, credential.nickname),
      h('td', { testid: 'credential-username' }, h('code', null, credential.username)),
      h('td', { testid: 'credential-password' }, h('code', null, credential.password))));
  const printError = h('p', { class: 'message error', role: 'alert', hidden: true });
  return h('section', { class: 'credentials stack', testid: 'credentials-panel', 'aria-label': heading },
    h('h3', null, heading),
    h('p', { class: 'message warning' },
      t('credentials.onlyNow')),
    h('div', { class: 'table-scroll' },
      h('table', { testid: 'credentials-table' },
        h('caption', { class: 'visually-hidden' }, t('credentials.caption', { heading, title: twinSpace.title })),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('credentials.nickname')),
          h('th', { scope: 'col' }, t('credentials.username')),
          h('th', { scope: 'col' }, t('credentials.password')))),
        h('tbody', null, rows))),
    h('button', {
      type: 'button', testid: 'print-credentials',
      onclick: () => {
        printError.hidden = openCredentialsSheet(twinSpace, credentials);
        printError.textContent = t('credentials.popupBlocked');
      },
    }, t('credentials.print')),
    printError);
}

/** One card per pupil, to be cut out and handed over. */
export function credentialsSheet(twinSpace, credentials, loginAddress) {
  return h('div', { class: 'sheet', testid: 'credentials-sheet' },
    h('div', { class: 'sheet-toolbar' },
      h('p', null, t('credentials.sheetIntro', { title: twinSpace.title })),
      h('button', { type: 'button', class: 'primary', onclick: (event) => event.target.ownerDocument.defaultView.print() },
        t('credentials.printButton'))),
    h('div', { class: 'sheet-cards' }, credentials.map((credential) =>
      h('article', { class: 'sheet-card', testid: 'credentials-card' },
        h('h2', null, credential.nickname),
        h('dl', null,
          h('dt', null, t('credentials.website')), h('dd', null, loginAddress),
          h('dt', null, t('login.code')), h('dd', null, h('code', null, twinSpace.code)),
          h('dt', null, t('credentials.username')), h('dd', null, h('code', null, credential.username)),
          h('dt', null, t('credentials.password')), h('dd', null, h('code', null, credential.password))),
        h('p', { class: 'sheet-note' },
          t('credentials.keepSafe'))))));
}

/**
 * Opens the sheet in a new window (same origin, built node by node, no URL carries the passwords).
 * Returns false when the browser blocked the window.
 */
export function openCredentialsSheet(twinSpace, credentials) {
  const sheetWindow = window.open('', '_blank');
  if (!sheetWindow) return false;
  const doc = sheetWindow.document;
  doc.title = t('credentials.windowTitle', { title: twinSpace.title });
  doc.documentElement.lang = document.documentElement.lang;
  const stylesheet = doc.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = new URL('app.css', document.baseURI).toString();
  doc.head.append(stylesheet);
  doc.body.className = 'sheet-page';
  const loginAddress = new URL('./', document.baseURI).toString();
  doc.body.replaceChildren(doc.adoptNode(credentialsSheet(twinSpace, credentials, loginAddress)));
  return true;
}
