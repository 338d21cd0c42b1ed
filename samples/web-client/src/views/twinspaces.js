// "My TwinSpaces": the teacher's projects, and a form to start a new one.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { roleLabel } from '../roles.js';
import { stateBadge } from './parts.js';
import { t } from '../i18n.js';
import { PUBLIC_EVENTS_HASH, twinSpaceHash } from '../routes.js';

/** @param {{ account: object, notice?: string, navigate: (hash: string) => void }} options */
export function renderTwinSpaces({ account, notice = '', navigate }) {
  const list = h('ul', { class: 'twinspace-list', testid: 'twinspace-list', 'aria-busy': 'true' });
  const listMessage = h('p', { class: 'message', role: 'status', testid: 'twinspace-list-message' }, t('common.loading'));
  let disposed = false;

  async function load() {
    try {
      const twinSpaces = await hub.listMyTwinSpaces();
      if (disposed) return;
      list.removeAttribute('aria-busy');
      replaceChildren(list, twinSpaces.map(listItem));
      listMessage.textContent = twinSpaces.length ? '' : t('twinspaces.none');
      listMessage.className = 'message';
      listMessage.hidden = twinSpaces.length > 0;
    } catch (error) {
      if (disposed) return;
      listMessage.textContent = messageOf(error);
      listMessage.className = 'message error';
      listMessage.hidden = false;
    }
  }

  const isTeacher = account.kind === 'teacher';
  const element = h('section', { class: 'stack', 'aria-labelledby': 'twinspaces-heading' },
    h('h1', { id: 'twinspaces-heading' }, t('twinspaces.title')),
    notice ? h('p', { class: 'message info', role: 'status', testid: 'page-notice' }, notice) : null,
    listMessage,
    list,
    isTeacher ? h('p', { class: 'card' }, h('a', { href: PUBLIC_EVENTS_HASH, testid: 'public-events-link' }, t('publicEvents.find'))) : null,
    isTeacher ? createForm(navigate) : null);

  load();
  // Group membership and lists can change while the connection was down.
  const stopReconnected = hub.onReconnected(load);
  return {
    element,
    dispose() {
      disposed = true;
      stopReconnected();
    },
  };
}

function listItem(twinSpace) {
  return h('li', { testid: 'twinspace-item', dataset: { twinspaceId: twinSpace.id } },
    h('a', { href: twinSpaceHash(twinSpace.id), class: 'twinspace-link' },
      h('span', { class: 'twinspace-title', testid: 'twinspace-item-title' }, twinSpace.title),
      h('span', { class: 'meta' }, roleLabel(twinSpace.myRole), ' ', stateBadge(twinSpace.state))));
}

function createForm(navigate) {
  const title = h('input', { type: 'text', name: 'title', required: true, maxLength: 200, testid: 'create-twinspace-title' });
  const description = h('textarea', { name: 'description', rows: 3, testid: 'create-twinspace-description' });
  const error = errorLine('create-twinspace-error');
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'create-twinspace-submit' },
    t('twinspaces.create'));
  return h('form', {
    class: 'card stack',
    'aria-labelledby': 'create-twinspace-heading',
    onsubmit: (event) => {
      event.preventDefault();
      withBusy(submit, t('common.creating'), () => error.attempt(async () => {
        const created = await hub.createTwinSpace(title.value.trim(), description.value.trim());
        navigate(twinSpaceHash(created.id));
      }));
    },
  },
  h('h2', { id: 'create-twinspace-heading' }, t('twinspaces.createHeading')),
  field(t('twinspaces.titleLabel'), title),
  field(t('twinspaces.descriptionLabel'), description, t('twinspaces.descriptionHint')),
  error.element,
  submit);
}
