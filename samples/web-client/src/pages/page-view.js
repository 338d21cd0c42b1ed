// One page of a TwinSpace: its title and header description, its state (draft or published, members only or
// public), the tools of those who manage it (publish, visibility, rename, sub-pages, order, versions) and the live
// editor. `#/twinspaces/<id>/pages/<pageId>/versions` opens the version history beside it.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { formatDateTime, t } from '../i18n.js';
import { publicPageHash, twinSpaceHash } from '../routes.js';
import { errorLine } from '../error-line.js';
import { renderPageEditor } from './page-editor.js';
import { renderPageVersions } from './page-versions.js';

/**
 * @param {{ twinSpaceId: string, account: object, tree: object, pageId: string, navigate: (hash: string) => void }} options
 */
export function renderPageView({ twinSpaceId, account, tree, pageId, navigate }) {
  let editor = null;
  let versions = null;
  let renderedKey = '';
  const error = errorLine('page-error');
  const header = h('div', { class: 'stack page-header' });
  const tools = h('div', { class: 'stack' });
  const editorSlot = h('div', { class: 'stack' });
  const versionsSlot = h('div', { class: 'stack' });
  const element = h('article', { class: 'card stack page-view', testid: 'page-view', dataset: { pageId } },
    header, error.element, tools, editorSlot, versionsSlot);

  const page = () => tree.get(pageId);

  async function change(button, action) {
    error.clear();
    await withBusy(button, t('common.saving'), async () => {
      try {
        tree.apply(await action());
      } catch (failure) {
        error.show(failure);
      }
    });
  }

  function renderHeader(current) {
    replaceChildren(header,
      h('h1', { testid: 'page-title' }, current.title),
      h('p', { class: 'meta' },
        h('span', { class: `badge ${current.isPublished ? 'published' : 'draft'}`, testid: 'page-published-state' },
          current.isPublished ? t('page.published') : t('page.draft')),
        h('span', { class: 'badge', testid: 'page-visibility' },
          current.visibility === 'public' ? t('page.public') : t('page.membersOnly')),
        h('span', {}, t('page.updated', { date: formatDateTime(current.updatedAt) }))),
      current.description ? h('p', { class: 'description', testid: 'page-description' }, current.description) : null,
      current.isPublished && current.visibility === 'public'
        ? h('p', {}, h('a', { href: publicPageHash(twinSpaceId, current.id), testid: 'public-page-link' }, t('page.openPublic')))
        : null);
  }

  function renderTools(current) {
    const sections = [];
    if (tree.canManage(current)) {
      const publish = h('button', {
        type: 'button', testid: 'page-publish-toggle', 'aria-pressed': String(current.isPublished),
        onclick: () => change(publish, () => hub.invoke('SetPageState', twinSpaceId, current.id,
          { isPublished: !current.isPublished, visibility: current.visibility })),
      }, current.isPublished ? t('page.unpublish') : t('page.publish'));
      const visibility = h('button', {
        type: 'button', testid: 'page-visibility-toggle', 'aria-pressed': String(current.visibility === 'public'),
        onclick: () => change(visibility, () => hub.invoke('SetPageState', twinSpaceId, current.id,
          { isPublished: current.isPublished, visibility: current.visibility === 'public' ? 'members' : 'public' })),
      }, current.visibility === 'public' ? t('page.makeMembersOnly') : t('page.makePublic'));
      sections.push(h('div', { class: 'actions' }, publish, visibility,
        h('a', { class: 'button', href: twinSpaceHash(twinSpaceId, 'pages', current.id, 'versions'), testid: 'page-versions-link' },
          t('page.versions'))));
      sections.push(detailsForm(current));
    } else {
      sections.push(h('div', { class: 'actions' },
        h('a', { class: 'button', href: twinSpaceHash(twinSpaceId, 'pages', current.id, 'versions'), testid: 'page-versions-link' },
          t('page.versions'))));
    }
    if (tree.canReorder()) sections.push(orderTools(current));
    if (tree.canCreate()) sections.push(subPageForm(current));
    replaceChildren(tools, sections);
  }

  function detailsForm(current) {
    const title = h('input', { type: 'text', maxlength: 120, required: true, value: current.title, testid: 'page-title-input' });
    const description = h('textarea', { rows: 2, maxlength: 500, testid: 'page-description-input' });
    description.value = current.description ?? '';
    const save = h('button', { type: 'submit', testid: 'page-details-save' }, t('common.save'));
    return h('details', { class: 'page-details' },
      h('summary', {}, t('page.editDetails')),
      h('form', {
        class: 'stack', onsubmit: (event) => {
          event.preventDefault();
          change(save, () => hub.invoke('UpdatePage', twinSpaceId, current.id, { title: title.value, description: description.value }));
        },
      }, field(t('page.titleLabel'), title), field(t('page.descriptionLabel'), description, t('page.descriptionHint')), save));
  }

  // The keyboard way to reorder and to move between parents (the menu also takes drag and drop).
  function orderTools(current) {
    const siblings = tree.childrenOf(current.parentId ?? '');
    const index = siblings.findIndex((sibling) => sibling.id === current.id);
    const moveTo = (button, parentId, position) => change(button, () =>
      hub.invoke('MovePage', twinSpaceId, current.id, { parentId: parentId ?? null, position }));
    const up = h('button', { type: 'button', testid: 'page-move-up', disabled: index <= 0,
      onclick: () => moveTo(up, current.parentId, siblings[index - 1].position) }, t('page.moveUp'));
    const down = h('button', { type: 'button', testid: 'page-move-down', disabled: index < 0 || index >= siblings.length - 1,
      onclick: () => moveTo(down, current.parentId, siblings[index + 1].position) }, t('page.moveDown'));
    // Under the sibling above, as its last sub-page; out of the parent, right after it.
    const above = index > 0 ? siblings[index - 1] : null;
    const parent = current.parentId ? tree.get(current.parentId) : null;
    const indent = h('button', { type: 'button', testid: 'page-indent', disabled: !above,
      onclick: () => moveTo(indent, above.id, tree.childrenOf(above.id).length) }, t('page.indent'));
    const outdent = h('button', { type: 'button', testid: 'page-outdent', disabled: !parent,
      onclick: () => moveTo(outdent, parent.parentId, parent.position + 1) }, t('page.outdent'));
    return h('div', { class: 'actions', role: 'group', 'aria-label': t('page.order') }, up, down, indent, outdent);
  }

  function subPageForm(current) {
    const title = h('input', { type: 'text', maxlength: 120, required: true, testid: 'new-subpage-title' });
    const add = h('button', { type: 'submit', testid: 'create-subpage' }, t('page.addSubPage'));
    return h('form', {
      class: 'inline-form', onsubmit: (event) => {
        event.preventDefault();
        error.clear();
        withBusy(add, t('common.adding'), async () => {
          try {
            const created = await hub.invoke('CreatePage', twinSpaceId, { title: title.value, parentId: current.id });
            tree.apply(created);
            navigate(twinSpaceHash(twinSpaceId, 'pages', created.id));
          } catch (failure) {
            error.show(failure);
          }
        });
      },
    }, field(t('page.newSubPageTitle'), title), add);
  }

  return {
    element,
    /** Redraws from the tree (a PageTreeChanged event, a role change); the editor stays open. */
    refresh(sub) {
      const current = page();
      if (!current) {
        replaceChildren(header, h('p', { class: 'message', role: 'status', testid: 'page-missing' },
          tree.isLoaded() ? t('page.notFound') : t('common.loading')));
        replaceChildren(tools);
        editor?.dispose();
        editor = null;
        replaceChildren(editorSlot);
        return;
      }
      const key = `${current.title}|${current.description}|${current.isPublished}|${current.visibility}|${current.position}|${current.parentId}|${current.updatedAt}|${tree.canManage(current)}|${tree.canReorder()}|${tree.canCreate()}|${tree.childrenOf(current.parentId ?? '').length}`;
      if (key !== renderedKey) {
        renderedKey = key;
        renderHeader(current);
        renderTools(current);
      }
      if (!editor) {
        editor = renderPageEditor({ hub: { invoke: hub.invoke, on: hub.on, onReconnected: hub.onReconnected }, twinSpaceId, page: current, account });
        replaceChildren(editorSlot, editor.element);
      }
      if (sub === 'versions' && !versions) {
        versions = renderPageVersions({ twinSpaceId, page: current, canManage: tree.canManage(current),
          onClose: () => navigate(twinSpaceHash(twinSpaceId, 'pages', current.id)) });
        replaceChildren(versionsSlot, versions.element);
      } else if (sub !== 'versions' && versions) {
        versions.dispose();
        versions = null;
        replaceChildren(versionsSlot);
      }
    },
    dispose() {
      editor?.dispose();
      versions?.dispose();
    },
  };
}
