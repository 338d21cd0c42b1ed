// Questions and answers of a live event: attendees ask (with or without their name shown to the others) and say "me
// too" to a question (each account counts once); hosts mark a question answered, hide it or show it again. Attendees
// never see hidden questions, and the server sends them without their text.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import * as live from '../live-events-api.js';

const MAX_QUESTION_CHARACTERS = 500;
const STATE_ORDER = { open: 0, answered: 1, hidden: 2 };

/**
 * @param {{ twinSpaceId: string, eventId: string, isHost: () => boolean,
 *           attempt: (action: () => Promise<any>) => Promise<any> }} options
 */
export function createLiveQuestions({ twinSpaceId, eventId, isHost, attempt }) {
  /** @type {Map<string, object>} */
  const questions = new Map();
  const upvoted = new Set(); // Which questions this tab said "me too" to; the server keeps the truth per account.
  let mode = { inside: false, ended: false };

  const text = h('textarea', { rows: 2, maxLength: MAX_QUESTION_CHARACTERS, testid: 'live-question-text' });
  const anonymous = h('input', { type: 'checkbox', testid: 'live-question-anonymous' });
  const ask = h('button', { type: 'submit', class: 'primary', testid: 'live-question-ask' }, t('liveQuestions.ask'));
  const form = h('form', {
    class: 'stack', testid: 'live-question-form', onsubmit: (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      withBusy(ask, t('common.sending'), () => attempt(async () => {
        apply(await live.askQuestion(twinSpaceId, eventId, text.value, anonymous.checked));
        text.value = '';
      }));
    },
  }, field(t('liveQuestions.yourQuestion'), text), h('label', { class: 'checkbox' }, anonymous, t('liveQuestions.anonymous')), ask);
  const list = h('ol', { class: 'live-question-list', testid: 'live-question-list' });
  const element = h('section', { class: 'card stack', 'aria-labelledby': 'live-questions-heading', testid: 'live-questions' },
    h('h2', { id: 'live-questions-heading' }, t('liveQuestions.heading')), form, list);

  function render() {
    form.hidden = !mode.inside;
    const shown = [...questions.values()].filter((question) => isHost() || question.state !== 'hidden')
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.upvotes - a.upvotes || new Date(a.askedAt) - new Date(b.askedAt));
    replaceChildren(list, shown.length === 0 ? h('li', { class: 'hint' }, t('liveQuestions.none')) : shown.map(questionItem));
  }

  function questionItem(question) {
    const mine = upvoted.has(question.id);
    const buttons = [];
    if (mode.inside && question.state === 'open') {
      buttons.push(button('live-question-upvote', t('liveQuestions.upvote', { count: question.upvotes }), async () => {
        const changed = await live.upvoteQuestion(twinSpaceId, eventId, question.id, !mine);
        if (mine) upvoted.delete(question.id);
        else upvoted.add(question.id);
        apply(changed);
      }, { 'aria-pressed': String(mine) }));
    }
    if (mode.inside && isHost()) {
      if (question.state !== 'answered') buttons.push(button('live-question-answered', t('liveQuestions.markAnswered'), () => setState(question, 'answered')));
      if (question.state !== 'hidden') buttons.push(button('live-question-hide', t('common.hide'), () => setState(question, 'hidden')));
      if (question.state !== 'open') buttons.push(button('live-question-reopen', t('liveQuestions.reopen'), () => setState(question, 'open')));
    }
    return h('li', { class: 'card stack', testid: 'live-question', dataset: { state: question.state } },
      h('p', { class: 'description', testid: 'live-question-body' }, question.text),
      h('p', { class: 'meta' }, question.authorName ?? t('liveQuestions.anonymousAuthor'), ' · ', formatDateTime(question.askedAt),
        ' · ', t('liveQuestions.upvotes', { count: question.upvotes }),
        question.state !== 'open' ? [' ', h('span', { class: 'badge', testid: 'live-question-state' }, t(`liveQuestions.state.${question.state}`))] : null),
      buttons.length ? h('div', { class: 'actions' }, buttons) : null);
  }

  function button(testid, label, action, extra = {}) {
    const node = h('button', { type: 'button', testid, ...extra }, label);
    node.addEventListener('click', () => withBusy(node, label, () => attempt(action)));
    return node;
  }

  async function setState(question, state) {
    apply(await live.setQuestionState(twinSpaceId, eventId, question.id, state));
  }

  function apply(question) {
    if (!question) return;
    // Attendees hear of a hidden question without its text: it leaves their list.
    if (question.state === 'hidden' && !isHost()) questions.delete(question.id);
    else questions.set(question.id, { ...questions.get(question.id), ...question, text: question.text || questions.get(question.id)?.text || '' });
    render();
  }

  render();
  return {
    element,
    reset(list) {
      questions.clear();
      for (const question of list) questions.set(question.id, question);
      render();
    },
    apply,
    setMode(next) {
      mode = next;
      render();
    },
  };
}
