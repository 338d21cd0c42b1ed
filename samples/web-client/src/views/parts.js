// Small pieces shared by several views.
import { h } from '../dom.js';

const STATE_LABELS = { open: 'Open', archived: 'Archived (read-only)', closed: 'Closed' };

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}`, testid: 'twinspace-state' }, STATE_LABELS[state] ?? state);
}
