// "Insert image" for members who may edit the page: pick one of the TwinSpace's ready pictures or upload one,
// describe it (alt text is required: pupils and readers with screen readers depend on it), and insert it.
import { field, h, replaceChildren } from '../dom.js';
import { messageOf } from '../errors.js';
import { t } from '../i18n.js';
import { listMaterials, uploadMaterial } from '../materials-api.js';
import { materialSource } from './material-image.js';

/**
 * @param {{ hub: object, twinSpaceId: string, onInsert: (attrs: { src: string, alt: string, title: string|null }) => void }} options
 * @returns {{ element: HTMLElement, setEnabled: (enabled: boolean) => void, dispose: () => void }}
 */
export function renderImageInsert({ hub, twinSpaceId, onInsert }) {
  let chosen = null;
  const ready = new Map(); // materialId -> MaterialView, from MaterialReady, for uploads that finish before their POST answers
  const waiting = new Map(); // materialId -> resolve
  const unsubscribers = [
    hub.on('MaterialReady', (material) => {
      if (material?.twinSpaceId !== twinSpaceId) return;
      ready.set(material.id, material);
      waiting.get(material.id)?.(material);
    }),
    hub.on('MaterialFailed', (failure) => {
      if (failure?.twinSpaceId !== twinSpaceId) return;
      waiting.get(failure.materialId)?.(null);
    }),
  ];

  const message = h('p', { class: 'message', role: 'status', testid: 'image-insert-message' });
  const grid = h('ul', { class: 'material-grid', testid: 'image-choices' });
  const alt = h('input', { type: 'text', required: true, maxlength: 300, testid: 'image-alt' });
  const title = h('input', { type: 'text', maxlength: 300, testid: 'image-title' });
  const file = h('input', { type: 'file', accept: 'image/*', testid: 'image-file' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, testid: 'image-upload-progress' });
  const insert = h('button', { type: 'submit', class: 'primary', testid: 'image-insert-confirm' }, t('image.insert'));
  const form = h('form', { method: 'dialog', class: 'stack', onsubmit: submit },
    h('h2', {}, t('image.heading')),
    grid,
    field(t('image.upload'), file), progress,
    field(t('image.alt'), alt, t('image.altHint')),
    field(t('image.title'), title),
    message,
    h('div', { class: 'actions' }, insert, h('button', { type: 'button', onclick: () => dialog.close() }, t('common.cancel'))));
  const dialog = h('dialog', { testid: 'image-insert-dialog' }, form);
  const open = h('button', { type: 'button', testid: 'image-insert', class: 'tool tool-image', onclick: openDialog }, t('editor.image'));
  file.addEventListener('change', () => { if (file.files?.[0]) upload(file.files[0]); });

  function choose(material) {
    chosen = material;
    for (const button of grid.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.dataset.materialId === material.id));
    if (!alt.value) alt.value = material.title;
    say(t('image.chosen', { title: material.title }));
  }

  const choice = (material) => h('li', {}, h('button', {
    type: 'button', class: 'image-choice', testid: 'image-choice', 'aria-pressed': 'false',
    dataset: { materialId: material.id }, onclick: () => choose(material),
  }, h('img', { src: material.urls.thumbnail ?? material.urls.original, alt: material.title, width: 96, height: 72, loading: 'lazy' })));

  async function openDialog() {
    chosen = null;
    alt.value = '';
    title.value = '';
    say('');
    replaceChildren(grid, h('li', { class: 'meta' }, t('image.loading')));
    dialog.showModal();
    try {
      const snapshot = await listMaterials(twinSpaceId);
      const images = snapshot.materials.filter((m) => m.kind === 'image' && m.status === 'ready' && m.urls);
      replaceChildren(grid, images.length ? images.map(choice) : h('li', { class: 'meta' }, t('image.none')));
    } catch (error) {
      say(messageOf(error), true);
    }
  }

  async function upload(picture) {
    progress.hidden = false;
    progress.value = 0;
    say(t('materials.uploading'));
    try {
      const uploaded = await uploadMaterial(twinSpaceId, picture, { onProgress: (fraction) => { progress.value = Math.round(fraction * 100); } });
      say(t('image.preparing'));
      const material = uploaded.status === 'ready' ? uploaded : ready.get(uploaded.id)
        ?? await new Promise((resolve) => waiting.set(uploaded.id, resolve));
      waiting.delete(uploaded.id);
      if (!material || material.kind !== 'image') {
        say(t('image.notPicture'), true);
        return;
      }
      grid.querySelector('li.meta')?.remove(); // "No pictures yet"
      grid.prepend(choice(material));
      choose(material);
    } catch (error) {
      say(messageOf(error), true);
    } finally {
      progress.hidden = true;
      file.value = '';
    }
  }

  function submit(event) {
    event.preventDefault();
    if (!chosen) {
      say(t('image.chooseFirst'), true);
      return;
    }
    const description = alt.value.trim();
    if (!description) {
      say(t('image.describeFirst'), true);
      alt.focus();
      return;
    }
    onInsert({ src: materialSource(twinSpaceId, chosen), alt: description, title: title.value.trim() || null });
    dialog.close();
  }

  function say(text, isError = false) {
    message.textContent = text;
    message.className = isError ? 'message error' : 'message';
  }

  return {
    element: h('div', { class: 'page-toolbar' }, open, dialog),
    setEnabled(enabled) { open.hidden = !enabled; },
    dispose() { for (const unsubscribe of unsubscribers) unsubscribe(); },
  };
}
