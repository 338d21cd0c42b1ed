// Login page with two tabs: teachers log in with e-mail, pupils with the TwinSpace code their teacher
// gave them plus username and password.
import { pupilLogin, teacherLogin } from '../api.js';
import { field, h, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import { t } from '../i18n.js';

/**
 * @param {{ initialTab?: 'teacher'|'pupil', pupilCode?: string, notice?: string, onLoggedIn: () => void }} options
 */
export function renderLogin({ initialTab = 'teacher', pupilCode = '', notice = '', onLoggedIn }) {
  const error = h('p', { class: 'message error', role: 'alert', testid: 'login-error', hidden: true });
  const showError = (text) => {
    error.textContent = text;
    error.hidden = !text;
  };

  const teacherForm = buildTeacherForm(showError, onLoggedIn);
  const pupilForm = buildPupilForm(showError, onLoggedIn, pupilCode);

  const tabs = [
    { key: 'teacher', label: t('login.teacherTab'), panel: teacherForm },
    { key: 'pupil', label: t('login.pupilTab'), panel: pupilForm },
  ].map((tab) => ({
    ...tab,
    button: h('button', {
      type: 'button', role: 'tab', id: `login-tab-${tab.key}`, testid: `login-tab-${tab.key}`,
      'aria-controls': `login-panel-${tab.key}`, onclick: () => select(tab.key),
    }, tab.label),
  }));

  function select(key, focus = false) {
    showError('');
    for (const tab of tabs) {
      const selected = tab.key === key;
      tab.button.setAttribute('aria-selected', String(selected));
      tab.button.tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
      if (selected && focus) tab.button.focus();
    }
  }

  // Arrow keys move between tabs, as screen reader users expect from a tab list.
  const tabList = h('div', {
    class: 'tabs', role: 'tablist', 'aria-label': t('login.who'),
    onkeydown: (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const current = tabs.findIndex((tab) => tab.button.getAttribute('aria-selected') === 'true');
      select(tabs[(current + 1) % tabs.length].key, true);
    },
  }, tabs.map((tab) => tab.button));

  for (const tab of tabs) {
    tab.panel.id = `login-panel-${tab.key}`;
    tab.panel.setAttribute('role', 'tabpanel');
    tab.panel.setAttribute('aria-labelledby', tab.button.id);
  }
  select(initialTab);

  const element = h('section', { class: 'card login', 'aria-labelledby': 'login-heading' },
    h('h1', { id: 'login-heading' }, t('login.title')),
    notice ? h('p', { class: 'message info', role: 'status', testid: 'login-notice' }, notice) : null,
    tabList,
    error,
    teacherForm,
    pupilForm);
  return { element, dispose() {} };
}

function buildTeacherForm(showError, onLoggedIn) {
  const email = h('input', {
    type: 'email', name: 'email', autocomplete: 'username', required: true, testid: 'teacher-email',
  });
  const password = h('input', {
    type: 'password', name: 'password', autocomplete: 'current-password', required: true,
    testid: 'teacher-password',
  });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'teacher-login-submit' }, t('login.submit'));
  return h('form', {
    class: 'stack',
    onsubmit: (event) => {
      event.preventDefault();
      showError('');
      withBusy(submit, t('login.busy'), async () => {
        try {
          await teacherLogin(email.value.trim(), password.value);
          onLoggedIn();
        } catch (error) {
          showError(messageOf(error));
          password.select();
        }
      });
    },
  }, field(t('login.email'), email), field(t('login.password'), password), submit);
}

function buildPupilForm(showError, onLoggedIn, pupilCode) {
  const code = h('input', {
    type: 'text', name: 'twinSpaceCode', autocomplete: 'off', autocapitalize: 'characters', spellcheck: false,
    required: true, value: pupilCode, testid: 'pupil-code',
  });
  const username = h('input', {
    type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: false,
    required: true, testid: 'pupil-username',
  });
  const password = h('input', {
    type: 'password', name: 'password', autocomplete: 'current-password', required: true,
    testid: 'pupil-password',
  });
  // Young pupils copy passwords from paper; seeing what they typed saves many failed tries (and lockouts).
  const show = h('input', {
    type: 'checkbox', testid: 'pupil-show-password',
    onchange: () => {
      password.type = show.checked ? 'text' : 'password';
    },
  });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'pupil-login-submit' }, t('login.submit'));
  return h('form', {
    class: 'stack',
    onsubmit: (event) => {
      event.preventDefault();
      showError('');
      withBusy(submit, t('login.busy'), async () => {
        try {
          await pupilLogin(code.value.trim(), username.value.trim(), password.value);
          onLoggedIn();
        } catch (error) {
          showError(messageOf(error));
        }
      });
    },
  },
  field(t('login.code'), code, t('login.codeHint')),
  field(t('login.username'), username),
  field(t('login.password'), password),
  h('label', { class: 'checkbox' }, show, t('login.showPassword')),
  submit);
}
