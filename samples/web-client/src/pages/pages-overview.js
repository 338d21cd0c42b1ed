// All pages of a TwinSpace in menu order, with their state, and the form to add a page at the top level
// (sub-pages are added from their parent page).
import { field, h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import { twinSpaceHash } from '../routes.js';
import { errorLine } from '../error-line.js';

const MAX_INDENT = 4;

/** @param {{ twinSpaceId: string, tree: object, navigate: (hash: string) => void }} options */
export function renderPagesOverview({ twinSpaceId, tree, navigate }) {
  const list = h('ul', { class: 'page-overview', testid: 'page-overview' });
  const error = errorLine('create-page-error');
  const title = h('input', { type: 'text', maxlength: 120, required: true, testid: 'new-page-title' });
  const add = h('button', { type: 'submit', class: 'primary', testid: 'create-page' }, t('pages.add'));
  const form = h('form', {
    class: 'inline-form', onsubmit: (event) => {
      event.preventDefault();
      error.clear();
      withBusy(add, t('common.adding'), async () => {
        try {
          const page = await hub.invoke('CreatePage', twinSpaceId, { title: title.value });
          title.value = '';
          tree.apply(page);
          navigate(twinSpaceHash(twinSpaceId, 'pages', page.id));
        } catch (failure) {
          error.show(failure);
        }
      });
    },
  }, field(t('pages.newTitle'), title), add);
  const hint = h('p', { class: 'hint', testid: 'pages-empty' });
  const element = h('section', { class: 'card stack', 'aria-labelledby': 'pages-heading', testid: 'pages-overview' },
    h('h1', { id: 'pages-heading' }, t('nav.pages')), hint, list, form, error.element);

  return {
    element,
    refresh() {
      const rows = tree.ordered();
      hint.textContent = tree.isLoaded() && rows.length === 0 ? t('pages.none') : '';
      hint.hidden = !hint.textContent;
      replaceChildren(list, rows.map(({ page, depth }) => h('li', { class: `indent-${Math.min(depth, MAX_INDENT)}` },
        h('a', { href: twinSpaceHash(twinSpaceId, 'pages', page.id), testid: 'page-overview-link' }, page.title),
        ' ',
        h('span', { class: `badge ${page.isPublished ? 'published' : 'draft'}` }, page.isPublished ? t('page.published') : t('page.draft')),
        page.visibility === 'public' ? h('span', { class: 'badge' }, t('page.public')) : null)));
      form.hidden = !tree.canCreate();
    },
    dispose() {},
  };
}
