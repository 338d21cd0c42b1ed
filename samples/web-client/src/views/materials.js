// The materials panel of a TwinSpace: albums and folders, uploads with progress, thumbnails that appear when
// the server has processed a picture (it strips location and camera data first), a larger preview, downloads.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { messageOf } from '../errors.js';
import { formatBytes, t } from '../i18n.js';
import * as hub from '../hub.js';
import {
  MATERIAL_EVENTS, createMaterialCollection, deleteMaterial, getAvatar, getMaterialUrls, listMaterials, setAvatar, uploadMaterial,
} from '../materials-api.js';

const MANAGERS = ['teacherAdministrator', 'expert'];

const megabytes = formatBytes;

/**
 * `collectionId` scopes the panel to one folder (a room's files): only its materials, uploads go there, no avatar and
 * no album or folder controls; `headingId` keeps ids unique when the TwinSpace's panel is in the page too.
 * @param {{ twinSpaceId: string, account: object, collectionId?: string, headingId?: string, headingLevel?: string }} options
 */
export function materialsPanel({ twinSpaceId, account, collectionId: onlyCollectionId, headingId = 'materials-heading', headingLevel = 'h1' }) {
  const scoped = Boolean(onlyCollectionId);
  const state = { twinSpace: null, collections: new Map(), materials: new Map(), usedBytes: 0, quotaBytes: 0, filter: onlyCollectionId ?? '' };
  let disposed = false;

  const message = h('p', { class: 'message', role: 'status', testid: 'materials-message' });
  const quota = h('p', { class: 'meta', testid: 'materials-quota' });
  const controls = h('div', { class: 'stack' });
  const avatar = h('div', { class: 'avatar-row', testid: 'my-avatar', hidden: scoped });
  const uploads = h('ul', { class: 'upload-list', testid: 'upload-list' });
  const collectionList = h('div', { class: 'actions', testid: 'material-collections', hidden: scoped });
  const grid = h('ul', { class: 'material-grid', testid: 'material-grid' });
  const preview = h('dialog', { class: 'material-preview', testid: 'material-preview' });
  const element = h('section', { class: 'card stack', 'aria-labelledby': headingId, testid: 'materials-panel' },
    h(headingLevel, { id: headingId }, t('nav.materials')),
    avatar, quota, message, controls, uploads, collectionList, grid, preview);

  const canUpload = () => state.twinSpace?.state === 'open';
  const canChange = (material) => canUpload()
    && (material.uploadedBy === account.id || MANAGERS.includes(state.twinSpace?.myRole));

  function showError(error) {
    message.textContent = messageOf(error);
    message.className = 'message error';
  }

  async function reload() {
    try {
      const snapshot = await listMaterials(twinSpaceId);
      if (disposed) return;
      state.collections = new Map(snapshot.collections.map((c) => [c.id, c]));
      state.materials = new Map(snapshot.materials.map((m) => [m.id, m]));
      state.usedBytes = snapshot.usedBytes;
      state.quotaBytes = snapshot.quotaBytes;
      render();
    } catch (error) {
      if (!disposed) showError(error);
    }
  }

  function render() {
    quota.textContent = t('materials.quota', { used: megabytes(state.usedBytes), total: megabytes(state.quotaBytes) });
    renderCollections();
    renderGrid();
  }

  // Everyone has a generated avatar (a pattern, no photo); a picture can replace it, cropped square.
  async function renderAvatar() {
    try {
      const current = await getAvatar(twinSpaceId, account.id);
      if (disposed) return;
      const picture = h('img', { src: current.url, alt: t('materials.yourAvatar'), width: 64, height: 64, class: 'avatar', testid: 'my-avatar-image' });
      const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp', testid: 'avatar-file-input' });
      const change = async (file) => {
        try {
          await setAvatar(twinSpaceId, file);
          await renderAvatar();
        } catch (error) {
          showError(error);
        }
      };
      input.addEventListener('change', () => { if (input.files[0]) change(input.files[0]); });
      replaceChildren(avatar, picture, canUpload() ? [
        field(t('materials.avatarPicture'), input),
        current.uploaded ? h('button', { type: 'button', class: 'link-button', testid: 'avatar-reset', onclick: () => change(null) }, t('materials.avatarReset')) : null,
      ] : null);
    } catch (error) {
      if (!disposed) showError(error);
    }
  }

  function renderControls() {
    if (!canUpload()) {
      replaceChildren(controls);
      return;
    }
    const input = h('input', { type: 'file', multiple: true, testid: 'material-file-input' });
    const target = h('select', { testid: 'material-target' });
    const refreshTargets = () => replaceChildren(target, h('option', { value: '' }, t('materials.noCollection')),
      [...state.collections.values()].map((c) => h('option', { value: c.id }, t(c.kind === 'album' ? 'materials.albumNamed' : 'materials.folderNamed', { title: c.title }))));
    refreshTargets();
    target.addEventListener('focus', refreshTargets);
    const upload = h('button', {
      type: 'button', class: 'primary', testid: 'material-upload',
      onclick: () => {
        for (const file of input.files) startUpload(file, onlyCollectionId ?? (target.value || null));
        input.value = '';
      },
    }, t('materials.upload'));
    const title = h('input', { type: 'text', maxlength: 120, testid: 'collection-title' });
    const newCollection = (kind) => h('button', {
      type: 'button', testid: `create-${kind}`,
      onclick: async (event) => {
        if (!title.value.trim()) return;
        await withBusy(event.currentTarget, t('common.creating'), async () => {
          try {
            const created = await createMaterialCollection(twinSpaceId, kind, title.value);
            state.collections.set(created.id, created);
            title.value = '';
            renderCollections();
            refreshTargets();
          } catch (error) {
            showError(error);
          }
        });
      },
    }, kind === 'album' ? t('materials.newAlbum') : t('materials.newFolder'));
    if (scoped) {
      replaceChildren(controls, field(t('materials.files'), input), upload);
      return;
    }
    replaceChildren(controls,
      field(t('materials.files'), input),
      field(t('materials.putIn'), target),
      upload,
      field(t('materials.collectionName'), title),
      h('div', { class: 'actions' }, newCollection('album'), newCollection('folder')));
  }

  function startUpload(file, collectionId) {
    const bar = h('progress', { max: 100, value: 0, testid: 'upload-progress' });
    const label = h('span', { testid: 'upload-status' }, t('materials.uploading'));
    const row = h('li', { testid: 'upload-row' }, h('span', { class: 'upload-name' }, file.name), ' ', bar, ' ', label);
    uploads.append(row);
    uploadMaterial(twinSpaceId, file, { collectionId, onProgress: (fraction) => { bar.value = Math.round(fraction * 100); } })
      .then((material) => {
        bar.value = 100;
        label.textContent = material.status === 'processing' ? t('materials.processingAfterUpload') : t('materials.done');
        applyMaterial(material);
        if (material.status === 'ready') setTimeout(() => row.remove(), 3_000);
        else row.dataset.materialId = material.id;
      })
      .catch((error) => {
        label.textContent = messageOf(error);
        row.classList.add('error');
      });
  }

  function renderCollections() {
    const chip = (value, text) => h('button', {
      type: 'button', class: state.filter === value ? 'primary' : '', testid: 'collection-filter', 'aria-pressed': state.filter === value,
      onclick: () => { state.filter = value; renderCollections(); renderGrid(); },
    }, text);
    replaceChildren(collectionList, chip('', t('materials.everything')),
      [...state.collections.values()].map((c) => chip(c.id, `${c.kind === 'album' ? '🖼' : '📁'} ${c.title}`)));
  }

  function renderGrid() {
    const shown = [...state.materials.values()]
      .filter((m) => !state.filter || m.collectionId === state.filter)
      .sort((a, b) => String(b.uploadedAt).localeCompare(String(a.uploadedAt)));
    replaceChildren(grid, shown.length === 0 ? h('li', { class: 'meta' }, t('materials.empty')) : shown.map(tile));
  }

  function tile(material) {
    const caption = h('p', { class: 'material-title', testid: 'material-title' }, material.title);
    let visual;
    if (material.status === 'processing') {
      visual = h('div', { class: 'material-placeholder', testid: 'material-processing' }, t('materials.processing'));
    } else if (material.kind === 'image' && material.urls?.thumbnail) {
      visual = h('img', {
        src: material.urls.thumbnail, alt: material.title, loading: 'lazy', testid: 'material-thumbnail',
        width: 160, height: 120, onclick: () => openPreview(material), onerror: (event) => refreshUrls(material, event.currentTarget),
      });
    } else {
      visual = h('div', { class: 'material-placeholder' }, material.kind === 'video' ? '🎬' : '📄');
    }
    const download = material.urls
      ? h('a', { href: material.urls.original, download: material.fileName, testid: 'material-download' }, t('materials.download'))
      : null;
    const remove = canChange(material) ? h('button', {
      type: 'button', class: 'link-button', testid: 'material-delete',
      onclick: async (event) => {
        if (!window.confirm(t('materials.deleteConfirm', { title: material.title }))) return;
        await withBusy(event.currentTarget, t('common.deleting'), async () => {
          try {
            await deleteMaterial(twinSpaceId, material.id);
          } catch (error) {
            showError(error);
          }
        });
      },
    }, t('common.delete')) : null;
    return h('li', { class: 'material-tile', testid: 'material-tile', dataset: { materialId: material.id } },
      visual, caption, h('p', { class: 'meta' }, `${material.uploaderName} · ${megabytes(material.sizeBytes)}`),
      h('div', { class: 'actions' }, download, remove));
  }

  // Signed URLs expire: a picture that fails to load gets fresh ones, once.
  async function refreshUrls(material, image) {
    if (image.dataset.retried) return;
    image.dataset.retried = 'true';
    try {
      const urls = await getMaterialUrls(twinSpaceId, material.id);
      state.materials.set(material.id, { ...material, urls });
      image.src = urls.thumbnail;
    } catch {
      // Deleted meanwhile: the MaterialDeleted event removes the tile.
    }
  }

  function openPreview(material) {
    replaceChildren(preview,
      h('img', { src: material.urls.preview ?? material.urls.original, alt: material.title, testid: 'material-preview-image' }),
      h('p', {}, material.title),
      h('button', { type: 'button', onclick: () => preview.close() }, t('common.close')));
    preview.showModal();
  }

  function applyMaterial(material) {
    const known = state.materials.get(material.id);
    if (!known) state.usedBytes += material.sizeBytes;
    state.materials.set(material.id, material);
    const row = uploads.querySelector(`[data-material-id="${material.id}"]`);
    if (row && material.status === 'ready') row.remove();
    renderGrid();
    quota.textContent = t('materials.quota', { used: megabytes(state.usedBytes), total: megabytes(state.quotaBytes) });
  }

  const forUs = (handler) => (payload) => {
    if (!disposed && payload?.twinSpaceId === twinSpaceId) handler(payload);
  };
  const handlers = {
    MaterialProcessing: applyMaterial,
    MaterialReady: applyMaterial,
    MaterialChanged: applyMaterial,
    MaterialFailed: (failure) => {
      state.materials.delete(failure.materialId);
      const row = uploads.querySelector(`[data-material-id="${failure.materialId}"]`);
      if (row) {
        row.querySelector('[data-testid="upload-status"]').textContent = failure.reason;
        row.classList.add('error');
      }
      renderGrid();
    },
    MaterialDeleted: ({ materialId }) => {
      const removed = state.materials.get(materialId);
      if (removed) state.usedBytes -= removed.sizeBytes;
      state.materials.delete(materialId);
      render();
    },
    MaterialCollectionChanged: (collection) => {
      state.collections.set(collection.id, collection);
      renderCollections();
    },
    MaterialCollectionDeleted: ({ collectionId }) => {
      state.collections.delete(collectionId);
      if (state.filter === collectionId) state.filter = '';
      render();
    },
  };
  const unsubscribers = MATERIAL_EVENTS.map((name) => hub.on(name, forUs(handlers[name])));

  return {
    element,
    /** Called with the TwinSpace whenever it (or the caller's role) changes, and after every (re)join. */
    update(twinSpace) {
      const before = `${state.twinSpace?.state}|${state.twinSpace?.myRole}`;
      state.twinSpace = twinSpace;
      if (before !== `${twinSpace.state}|${twinSpace.myRole}`) {
        renderControls();
        if (!scoped) renderAvatar();
      }
      reload();
    },
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
