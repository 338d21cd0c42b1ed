// A public page as anyone sees it, without logging in: the showcase of a project (published and public pages
// only; the server answers "not found" for everything else).
import { getPublicPage } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { messageOf } from '../errors.js';
import { formatDateTime, t } from '../i18n.js';
import { richText } from '../rich-text.js';

/** @param {{ twinSpaceId: string, pageId: string, setTitle: (title: string) => void }} options */
export function renderPublicPage({ twinSpaceId, pageId, setTitle }) {
  let disposed = false;
  const element = h('article', { class: 'card stack public-page', testid: 'public-page' },
    h('p', { class: 'message', role: 'status' }, t('common.loading')));

  getPublicPage(twinSpaceId, pageId).then((page) => {
    if (disposed) return;
    setTitle(page.title);
    replaceChildren(element,
      h('p', { class: 'meta', testid: 'public-twinspace-title' }, t('public.from', { title: page.twinSpaceTitle })),
      h('h1', { testid: 'public-page-title' }, page.title),
      page.description ? h('p', { class: 'description' }, page.description) : null,
      h('div', { class: 'rich-text page-html', testid: 'public-page-body' }, richText(page.html, { images: 'public' })),
      h('p', { class: 'meta' }, t('page.updated', { date: formatDateTime(page.updatedAt) })));
  }).catch((error) => {
    if (disposed) return;
    setTitle(t('public.missingTitle'));
    replaceChildren(element,
      h('h1', {}, t('public.missingTitle')),
      h('p', { class: 'message error', role: 'alert', testid: 'public-page-error' },
        error.code === 'not_found' ? t('public.missing') : messageOf(error)));
  });

  return {
    element,
    dispose() {
      disposed = true;
    },
  };
}
