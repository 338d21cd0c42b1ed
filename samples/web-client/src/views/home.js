// The TwinSpace home: what the project is, the caller's role, the pupils' login code, and the Project journal.
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n.js';
import { roleLabel } from '../roles.js';
import { stateBadge } from './parts.js';
import { renderUpdatesFeed } from './updates-feed.js';

export function renderHome(ctx) {
  const header = h('div', { class: 'card stack', testid: 'twinspace-header' });
  const journal = renderUpdatesFeed({ kind: 'journal', ctx, canWrite: () => ctx.allowed('postJournal') });
  const element = h('div', { class: 'stack', testid: 'home-view' }, header, journal.element);

  function renderHeader() {
    const twinSpace = ctx.state.twinSpace;
    if (!twinSpace) return;
    replaceChildren(header,
      h('h1', { testid: 'twinspace-title' }, twinSpace.title),
      h('p', { class: 'meta' }, stateBadge(twinSpace.state), ' ',
        h('span', { testid: 'my-role' }, t('home.youAre', { role: roleLabel(twinSpace.myRole) }))),
      twinSpace.description ? h('p', { class: 'description', testid: 'twinspace-description' }, twinSpace.description) : null,
      h('p', { class: 'code-box' }, t('home.codeIntro'), ' ', h('strong', { testid: 'twinspace-code' }, twinSpace.code)));
  }

  return {
    element,
    refresh() {
      renderHeader();
      journal.refresh();
    },
    dispose: journal.dispose,
  };
}
