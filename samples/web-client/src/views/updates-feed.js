// A feed of short updates, newest first, live: the Teacher bulletin (teachers only) and the Project journal
// (every member reads it; teachers and pupil administrators write). Authors edit and delete their own entries;
// teacher administrators may delete any.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { formatDateTime, t } from '../i18n.js';
import * as updates from '../updates-api.js';
import { errorLine } from '../error-line.js';

const PAGE_SIZE = 20;
const MAX_TITLE = 150;
const MAX_TEXT = 4000;

/**
 * @param {{ kind: 'bulletin'|'journal', ctx: object, canWrite: () => boolean, headingLevel?: string }} options
 */
export function renderUpdatesFeed({ kind, ctx, canWrite, headingLevel = 'h2' }) {
  const { twinSpaceId, account, myRole, isOpen } = ctx;
  const items = new Map(); // sequence -> UpdateView
  let hasMore = false;
  let disposed = false;
  const error = errorLine(`${kind}-error`);
  const list = h('ol', { class: 'updates', testid: `${kind}-list` });
  const empty = h('p', { class: 'hint', testid: `${kind}-empty` });
  const more = h('button', { type: 'button', hidden: true, testid: `${kind}-more`, onclick: () => load(true) }, t('updates.more'));
  const composer = h('div');
  const element = h('section', { class: 'card stack', testid: `${kind}-feed`, 'aria-labelledby': `${kind}-heading` },
    h(headingLevel, { id: `${kind}-heading` }, t(`${kind}.title`)),
    h('p', { class: 'hint' }, t(`${kind}.intro`)),
    composer, error.element, empty, list, more);

  const mayChange = (item) => isOpen() && (item.authorId === account.id || myRole() === 'teacherAdministrator');

  function form({ item, onDone }) {
    const title = h('input', { type: 'text', maxlength: MAX_TITLE, required: true, testid: `${kind}-title-input` });
    const text = h('textarea', { rows: 4, maxlength: MAX_TEXT, required: true, testid: `${kind}-text-input` });
    title.value = item?.title ?? '';
    text.value = item?.text ?? '';
    const submit = h('button', { type: 'submit', class: 'primary', testid: `${kind}-submit` }, item ? t('common.save') : t(`${kind}.post`));
    const clientId = crypto.getRandomValues(new Uint32Array(4)).join('');
    return h('form', {
      class: 'stack update-form', onsubmit: (event) => {
        event.preventDefault();
        error.clear();
        withBusy(submit, t('common.saving'), async () => {
          try {
            const saved = item
              ? await updates.edit(kind, twinSpaceId, item.sequence, title.value, text.value)
              : await updates.post(kind, twinSpaceId, clientId, title.value, text.value);
            apply(saved);
            onDone();
          } catch (failure) {
            error.show(failure);
          }
        });
      },
    }, field(t('updates.titleLabel'), title), field(t('updates.textLabel'), text), h('div', { class: 'actions' }, submit,
      item ? h('button', { type: 'button', onclick: onDone }, t('common.cancel')) : null));
  }

  function renderComposer() {
    replaceChildren(composer, canWrite()
      ? h('details', { class: 'composer', testid: `${kind}-composer` }, h('summary', {}, t(`${kind}.new`)),
        form({ onDone: () => renderComposer() }))
      : null);
  }

  function row(item) {
    const actions = mayChange(item) ? h('div', { class: 'actions' },
      h('button', { type: 'button', testid: `${kind}-edit`, onclick: (event) => {
        const li = event.currentTarget.closest('li');
        li.replaceChildren(form({ item, onDone: () => render() }));
      } }, t('common.edit')),
      h('button', { type: 'button', class: 'danger', testid: `${kind}-delete`, onclick: (event) => {
        if (!window.confirm(t('updates.deleteConfirm', { title: item.title }))) return;
        withBusy(event.currentTarget, t('common.deleting'), async () => {
          try {
            apply(await updates.remove(kind, twinSpaceId, item.sequence));
          } catch (failure) {
            error.show(failure);
          }
        });
      } }, t('common.delete'))) : null;
    return h('li', { class: 'update', testid: `${kind}-item`, dataset: { sequence: String(item.sequence) } },
      h('article', { class: 'stack' },
        h('h3', { testid: `${kind}-item-title` }, item.title),
        h('p', { class: 'meta' }, h('span', { testid: `${kind}-item-author` }, item.authorName), ' · ',
          h('time', { datetime: item.createdAt }, formatDateTime(item.createdAt)),
          item.editedAt ? ` · ${t('updates.edited')}` : ''),
        h('p', { class: 'update-text', testid: `${kind}-item-text` }, item.text),
        actions));
  }

  function render() {
    const sorted = [...items.values()].filter((item) => !item.isDeleted).sort((a, b) => b.sequence - a.sequence);
    empty.textContent = sorted.length ? '' : t(`${kind}.empty`);
    empty.hidden = sorted.length > 0;
    replaceChildren(list, sorted.map(row));
    more.hidden = !hasMore;
  }

  function apply(item) {
    if (!item || item.twinSpaceId !== twinSpaceId) return;
    items.set(item.sequence, item);
    render();
  }

  async function load(older = false) {
    try {
      const before = older && items.size ? Math.min(...items.keys()) : null;
      const page = await updates.list(kind, twinSpaceId, before, PAGE_SIZE);
      if (disposed) return;
      if (!older) items.clear();
      for (const item of page.items) items.set(item.sequence, item);
      hasMore = page.hasMore;
      render();
    } catch (failure) {
      if (!disposed) error.show(failure);
    }
  }

  const unsubscribers = [
    hub.on(updates.eventOf(kind), ({ item }) => { if (!disposed) apply(item); }),
    hub.onReconnected(() => load()),
  ];
  load();
  renderComposer();

  let composerKey = '';
  return {
    element,
    refresh() {
      const key = `${myRole()}|${isOpen()}`;
      if (key === composerKey) return;
      composerKey = key;
      renderComposer();
      render();
    },
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
