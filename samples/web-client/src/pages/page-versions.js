// The version history of a page: named and automatic versions, newest first; a preview of each (the server's
// sanitized HTML of that version) and, for those who manage the page, "restore" and "save a version now".
import { field, h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { formatDateTime, t } from '../i18n.js';
import { richText } from '../rich-text.js';
import { errorLine } from '../error-line.js';

/** @param {{ twinSpaceId: string, page: object, canManage: boolean, onClose: () => void }} options */
export function renderPageVersions({ twinSpaceId, page, canManage, onClose }) {
  let disposed = false;
  const error = errorLine('versions-error');
  const list = h('ol', { class: 'version-list', testid: 'version-list' });
  const preview = h('div', { class: 'stack version-preview', testid: 'version-preview', hidden: true, 'aria-live': 'polite' });
  const status = h('p', { class: 'message', role: 'status', testid: 'versions-status' });
  const element = h('section', { class: 'card stack versions', testid: 'page-versions', 'aria-labelledby': 'versions-heading' },
    h('div', { class: 'row' },
      h('h2', { id: 'versions-heading' }, t('versions.title')),
      h('button', { type: 'button', class: 'link-button', testid: 'versions-close', onclick: onClose }, t('common.close'))),
    canManage ? saveForm() : null,
    error.element, status, list, preview);

  function saveForm() {
    const name = h('input', { type: 'text', maxlength: 100, required: true, testid: 'version-name' });
    const save = h('button', { type: 'submit', testid: 'version-save' }, t('versions.save'));
    return h('form', {
      class: 'inline-form', onsubmit: (event) => {
        event.preventDefault();
        error.clear();
        withBusy(save, t('common.saving'), async () => {
          try {
            await hub.invoke('CreatePageVersion', twinSpaceId, page.id, name.value);
            name.value = '';
            await load();
          } catch (failure) {
            error.show(failure);
          }
        });
      },
    }, field(t('versions.nameLabel'), name), save);
  }

  async function load() {
    try {
      const versions = await hub.invoke('ListPageVersions', twinSpaceId, page.id);
      if (disposed) return;
      status.textContent = versions.length ? '' : t('versions.none');
      replaceChildren(list, versions.map(row));
    } catch (failure) {
      if (!disposed) error.show(failure);
    }
  }

  function row(version) {
    const label = version.name || t('versions.automatic');
    const show = h('button', { type: 'button', testid: 'version-preview-button', onclick: () => showPreview(version, show) }, t('versions.preview'));
    const restore = canManage ? h('button', { type: 'button', class: 'danger', testid: 'version-restore', onclick: () => {
      if (!window.confirm(t('versions.restoreConfirm', { name: label }))) return;
      error.clear();
      withBusy(restore, t('versions.restoring'), async () => {
        try {
          await hub.invoke('RestorePageVersion', twinSpaceId, page.id, version.id);
          status.textContent = t('versions.restored', { name: label });
        } catch (failure) {
          error.show(failure);
        }
      });
    } }, t('versions.restore')) : null;
    return h('li', { class: 'version-row', testid: 'version-row', dataset: { versionId: version.id } },
      h('span', { class: 'version-name', testid: 'version-name-text' }, label),
      h('span', { class: 'meta' }, formatDateTime(version.createdAt)),
      h('span', { class: 'actions' }, show, restore));
  }

  async function showPreview(version, button) {
    error.clear();
    await withBusy(button, t('common.loading'), async () => {
      try {
        const html = await hub.invoke('GetPageVersionHtml', twinSpaceId, page.id, version.id);
        replaceChildren(preview,
          h('h3', {}, t('versions.previewOf', { name: version.name || t('versions.automatic'), date: formatDateTime(version.createdAt) })),
          h('div', { class: 'rich-text page-html', testid: 'version-preview-body' }, richText(html)));
        preview.hidden = false;
      } catch (failure) {
        error.show(failure);
      }
    });
  }

  load();
  return {
    element,
    dispose() {
      disposed = true;
    },
  };
}
