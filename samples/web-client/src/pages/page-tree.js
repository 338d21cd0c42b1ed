// The page tree of a TwinSpace (its navigation menu), live, with a form to add pages and the editor of the
// page that is open.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import * as hub from '../hub.js';
import { renderPageEditor } from './page-editor.js';

const CREATE_ROLES = ['teacherAdministrator', 'teacher', 'pupilAdministrator'];

/**
 * @param {{ twinSpaceId: string, account: object, role: () => string, isOpen: () => boolean }} options
 */
export function renderPagesPanel({ twinSpaceId, account, role, isOpen }) {
  const pages = new Map();
  let openPageId = null;
  let editor = null;
  let disposed = false;

  const menu = h('ul', { class: 'page-tree', testid: 'page-tree' });
  const error = h('p', { class: 'message error', role: 'alert', hidden: true });
  const form = createForm();
  const editorHost = h('div', { class: 'stack' });
  const element = h('section', { class: 'stack', 'aria-labelledby': 'pages-heading' },
    h('div', { class: 'card stack' }, h('h2', { id: 'pages-heading' }, 'Pages'), menu, form, error),
    editorHost);

  function createForm() {
    const title = h('input', { type: 'text', maxlength: '120', required: true, testid: 'new-page-title' });
    const button = h('button', { type: 'submit', testid: 'create-page' }, 'Add page');
    const created = h('form', { class: 'inline-form', hidden: true },
      field('New page title', title), button);
    created.addEventListener('submit', (event) => {
      event.preventDefault();
      withBusy(button, 'Adding…', async () => {
        try {
          const page = await hub.invoke('CreatePage', twinSpaceId, { title: title.value });
          title.value = '';
          apply(page);
          open(page.id);
        } catch (failure) {
          showError(failure);
        }
      });
    });
    return created;
  }

  function showError(failure) {
    error.textContent = messageOf(failure);
    error.hidden = false;
  }

  // Parents before children, siblings by position (the server's menu order), indented by depth.
  function ordered() {
    const byParent = new Map();
    for (const page of pages.values()) {
      if (page.isDeleted) continue;
      const key = page.parentId ?? '';
      if (!byParent.has(key)) byParent.set(key, []);
      byParent.get(key).push(page);
    }
    const result = [];
    const walk = (parentId, depth) => {
      for (const page of (byParent.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
        result.push({ page, depth });
        walk(page.id, depth + 1);
      }
    };
    walk('', 0);
    return result;
  }

  function renderMenu() {
    form.hidden = !(isOpen() && CREATE_ROLES.includes(role()));
    replaceChildren(menu, ordered().map(({ page, depth }) => h('li', { style: `margin-left: ${depth * 1.2}em` },
      h('button', {
        type: 'button', class: page.id === openPageId ? 'link current' : 'link', testid: 'page-link',
        dataset: { pageId: page.id }, onclick: () => open(page.id),
      }, page.title, page.isPublished ? '' : ' (draft)'))));
  }

  function open(pageId) {
    const page = pages.get(pageId);
    if (!page) return;
    editor?.dispose();
    openPageId = pageId;
    editor = renderPageEditor({ hub: { invoke: hub.invoke, on: hub.on, onReconnected: hub.onReconnected }, twinSpaceId, page, account });
    replaceChildren(editorHost, editor.element);
    renderMenu();
  }

  function apply(page) {
    pages.set(page.id, { ...pages.get(page.id), ...page });
    renderMenu();
  }

  async function load() {
    try {
      const list = await hub.invoke('ListPages', twinSpaceId, false);
      if (disposed) return;
      pages.clear();
      for (const page of list) pages.set(page.id, page);
      renderMenu();
    } catch (failure) {
      if (!disposed) showError(failure);
    }
  }

  const unsubscribers = [
    hub.on('PageTreeChanged', (event) => {
      if (disposed || event.twinSpaceId !== twinSpaceId) return;
      if (event.change === 'deleted' && event.page.id === openPageId) {
        editor?.dispose();
        editor = null;
        openPageId = null;
        replaceChildren(editorHost);
      }
      // canEdit is not in the event: keep the one ListPages gave us.
      apply({ ...event.page, canEdit: pages.get(event.page.id)?.canEdit ?? false });
    }),
    hub.onReconnected(load),
  ];

  load();
  return {
    element,
    refresh: renderMenu,
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      editor?.dispose();
    },
  };
}
