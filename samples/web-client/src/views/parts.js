// Small pieces shared by several views.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}`, testid: 'twinspace-state' },
    ['open', 'archived', 'closed'].includes(state) ? t(`state.${state}`) : state);
}
