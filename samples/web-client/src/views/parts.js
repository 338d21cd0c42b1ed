// Small pieces shared by several views.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}`, testid: 'twinspace-state' },
    ['open', 'archived', 'closed'].includes(state) ? t(`state.${state}`) : state);
}

/** An error line under a form: `show(error or text)`, `clear()`. */
export function errorLine(testid) {
  const element = h('p', { class: 'message error', role: 'alert', hidden: true, testid });
  return {
    element,
    show(text) {
      element.textContent = text;
      element.hidden = false;
    },
    clear() {
      element.hidden = true;
    },
  };
}
