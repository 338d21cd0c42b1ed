// "My TwinSpaces": the teacher's projects, and a form to start a new one.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import * as hub from '../hub.js';
import { roleLabel } from '../roles.js';
import { stateBadge } from './parts.js';

/** @param {{ account: object, notice?: string, navigate: (hash: string) => void }} options */
export function renderTwinSpaces({ account, notice = '', navigate }) {
  const list = h('ul', { class: 'twinspace-list', testid: 'twinspace-list', 'aria-busy': 'true' });
  const listMessage = h('p', { class: 'message', role: 'status', testid: 'twinspace-list-message' }, 'Loading…');
  let disposed = false;

  async function load() {
    try {
      const twinSpaces = await hub.listMyTwinSpaces();
      if (disposed) return;
      list.removeAttribute('aria-busy');
      replaceChildren(list, twinSpaces.map(listItem));
      listMessage.textContent = twinSpaces.length ? '' : 'You are not in any TwinSpace yet.';
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
    h('h1', { id: 'twinspaces-heading' }, 'My TwinSpaces'),
    notice ? h('p', { class: 'message info', role: 'status', testid: 'page-notice' }, notice) : null,
    listMessage,
    list,
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
    h('a', { href: `#/twinspaces/${encodeURIComponent(twinSpace.id)}`, class: 'twinspace-link' },
      h('span', { class: 'twinspace-title', testid: 'twinspace-item-title' }, twinSpace.title),
      h('span', { class: 'meta' }, roleLabel(twinSpace.myRole), ' ', stateBadge(twinSpace.state))));
}

function createForm(navigate) {
  const title = h('input', { type: 'text', name: 'title', required: true, maxLength: 200, testid: 'create-twinspace-title' });
  const description = h('textarea', { name: 'description', rows: 3, testid: 'create-twinspace-description' });
  const error = h('p', { class: 'message error', role: 'alert', hidden: true, testid: 'create-twinspace-error' });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'create-twinspace-submit' },
    'Create TwinSpace');
  return h('form', {
    class: 'card stack',
    'aria-labelledby': 'create-twinspace-heading',
    onsubmit: (event) => {
      event.preventDefault();
      error.hidden = true;
      withBusy(submit, 'Creating…', async () => {
        try {
          const created = await hub.createTwinSpace(title.value.trim(), description.value.trim());
          navigate(`#/twinspaces/${encodeURIComponent(created.id)}`);
        } catch (failure) {
          error.textContent = messageOf(failure);
          error.hidden = false;
        }
      });
    },
  },
  h('h2', { id: 'create-twinspace-heading' }, 'Create a TwinSpace'),
  field('Title', title),
  field('Description', description, 'What is the project about? All members see this.'),
  error,
  submit);
}
