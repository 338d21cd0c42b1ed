// Polls and quiz questions of a live event, and its quiz leaderboard. Hosts open, close and reveal; attendees vote or
// answer once (the server counts each account once; a retry with the same client id is the same vote). Running tallies
// arrive a few times a second at most; the final one after a poll closes. A quiz's running tally stays hidden from
// attendees until the question closes, so it does not give the answer away.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { CollabError } from '../errors.js';
import { t } from '../i18n.js';
import * as live from '../live-events-api.js';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;
const START_OPTIONS = 4;
const DEFAULT_QUIZ_SECONDS = 20;
const MAX_QUIZ_SECONDS = 120;
const TICK_MS = 1_000;
const VOTE_KEY = 'etwinning-collab.live-vote.';

function newClientId() {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// A vote's client id is kept per tab before it is sent, so a vote sent again after a lost connection is a retry the
// server recognises, and the answer stays shown after a reload.
function storedVote(pollId) {
  try {
    return JSON.parse(sessionStorage.getItem(VOTE_KEY + pollId) ?? 'null');
  } catch {
    return null;
  }
}

function storeVote(pollId, vote) {
  try {
    sessionStorage.setItem(VOTE_KEY + pollId, JSON.stringify(vote));
  } catch {
    // Storage off: the vote still counts, only a reload forgets which one it was.
  }
}

/** A country code ("PT") as its name in the reader's language. */
function countryName(code) {
  try {
    return new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * @param {{ twinSpaceId: string, eventId: string, account: object, isHost: () => boolean,
 *           attempt: (action: () => Promise<any>) => Promise<any> }} options
 */
export function createLivePolls({ twinSpaceId, eventId, account, isHost, attempt }) {
  /** @type {Map<string, object>} */
  const polls = new Map();
  const deadlines = new Map(); // pollId -> local time (ms) the quiz timer ends
  const answers = new Map(); // pollId -> the correct option the host chose (hidden from everyone until revealed)
  let mode = { inside: false, ended: false };
  let leaderboard = null;

  const form = h('div');
  const list = h('ol', { class: 'live-poll-list', testid: 'live-poll-list' });
  const board = h('section', { class: 'stack', 'aria-labelledby': 'live-leaderboard-heading', testid: 'live-leaderboard', hidden: true });
  const element = h('section', { class: 'card stack', 'aria-labelledby': 'live-polls-heading', testid: 'live-polls' },
    h('h2', { id: 'live-polls-heading' }, t('livePolls.heading')), form, list, board);

  // The clock only rewrites the timers' text; the cards (and a button someone is about to press) stay, until time is up.
  const timerNodes = new Map(); // pollId -> { node, text: () => string, running }
  const timer = setInterval(() => {
    let expired = false;
    for (const [pollId, entry] of timerNodes) {
      const poll = polls.get(pollId);
      if (!poll || !entry.running) continue;
      if (secondsLeft(poll) === 0) expired = true;
      else entry.node.textContent = entry.text();
    }
    if (expired) render();
  }, TICK_MS);

  const secondsLeft = (poll) => {
    if (!poll.closesAt || poll.closedAt) return null;
    const deadline = deadlines.get(poll.id) ?? new Date(poll.closesAt).getTime();
    return Math.max(0, Math.ceil((deadline - Date.now()) / 1_000));
  };
  const isOpen = (poll) => !poll.closedAt && secondsLeft(poll) !== 0;
  const myVote = (poll) => storedVote(poll.id)?.counted ? storedVote(poll.id).choices : null;

  function render() {
    renderForm();
    timerNodes.clear();
    const sorted = [...polls.values()].sort((a, b) => new Date(b.openedAt) - new Date(a.openedAt));
    replaceChildren(list, sorted.length === 0 ? h('li', { class: 'hint' }, t('livePolls.none')) : sorted.map(pollCard));
    renderBoard();
  }

  function pollCard(poll) {
    const quiz = poll.kind === 'quiz';
    const left = secondsLeft(poll);
    const mine = myVote(poll);
    const open = isOpen(poll);
    const showTally = isHost() || !quiz || !open || mode.ended;
    const stateText = () => {
      const now = secondsLeft(poll);
      if (poll.closedAt || now === 0) return quiz && now === 0 && !poll.closedAt ? t('livePolls.timeUp') : t('livePolls.closed');
      const voters = polls.get(poll.id)?.voters ?? poll.voters;
      return `${now !== null ? t('livePolls.secondsLeft', { count: now }) : t('livePolls.open')} · ${t('livePolls.voters', { count: voters })}`;
    };
    const stateNode = h('p', { class: 'meta', testid: 'live-poll-state' }, stateText());
    timerNodes.set(poll.id, { node: stateNode, text: stateText, running: left !== null && left > 0 });
    return h('li', { class: 'card stack live-poll', testid: 'live-poll', dataset: { pollId: poll.id, kind: poll.kind } },
      h('h3', {}, h('span', { class: 'badge' }, quiz ? t('livePolls.quiz') : t('livePolls.poll')), ' ', poll.question),
      stateNode,
      poll.closedAt || left === 0 ? h('p', { class: 'meta' }, t('livePolls.voters', { count: poll.voters })) : null,
      mode.inside && open && !mine && !isHost() ? voteControls(poll) : null,
      mine ? h('p', { class: 'meta', testid: 'live-poll-my-answer' }, t('livePolls.yourAnswer', { answer: mine.map((i) => poll.options[i]).join(', ') })) : null,
      quiz && poll.correctOption !== null && poll.correctOption !== undefined && mine ? quizResult(poll, mine) : null,
      showTally ? tallyList(poll) : null,
      isHost() && mode.inside ? hostControls(poll) : null);
  }

  function quizResult(poll, mine) {
    const right = mine.includes(poll.correctOption);
    return h('p', { class: `message ${right ? 'info' : 'warning'}`, role: 'status', testid: 'live-quiz-result' },
      right ? t('livePolls.right') : t('livePolls.wrong', { answer: poll.options[poll.correctOption] }));
  }

  function tallyList(poll) {
    const total = Math.max(1, poll.tally.reduce((sum, count) => sum + count, 0));
    const correct = poll.correctOption ?? null;
    return h('ul', { class: 'live-tally', testid: 'live-tally' }, poll.options.map((option, index) => {
      const label = `${option}: ${t('livePolls.votes', { count: poll.tally[index] ?? 0 })}`;
      return h('li', { class: index === correct ? 'correct' : '', testid: 'live-tally-option' },
        h('span', {}, label, index === correct ? [' ', h('span', { class: 'badge live-state-live', testid: 'live-correct' }, t('livePolls.correct'))] : null),
        h('progress', { max: total, value: poll.tally[index] ?? 0, 'aria-label': label }));
    }));
  }

  function voteControls(poll) {
    if (!poll.allowMultiple) {
      return h('div', { class: 'actions', role: 'group', 'aria-label': t('livePolls.choose') }, poll.options.map((option, index) =>
        voteButton(`${option}`, () => vote(poll, [index]), 'live-poll-option')));
    }
    const boxes = poll.options.map((option, index) => h('label', { class: 'checkbox' },
      h('input', { type: 'checkbox', value: String(index), testid: 'live-poll-check' }), option));
    return h('fieldset', { class: 'stack' }, h('legend', {}, t('livePolls.chooseMany')), boxes,
      voteButton(t('livePolls.send'), () => vote(poll, boxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => Number(box.value))), 'live-poll-send'));
  }

  function voteButton(text, action, testid) {
    const node = h('button', { type: 'button', testid }, text);
    node.addEventListener('click', () => withBusy(node, text, () => attempt(action)));
    return node;
  }

  async function vote(poll, choices) {
    const pending = storedVote(poll.id) ?? { clientId: newClientId() };
    storeVote(poll.id, { ...pending, choices });
    const receipt = await live.vote(twinSpaceId, eventId, poll.id, choices, pending.clientId);
    storeVote(poll.id, { clientId: pending.clientId, choices: receipt.choices, counted: true });
    render();
  }

  function hostControls(poll) {
    const buttons = [];
    if (!poll.closedAt) buttons.push(voteButton(t('livePolls.close'), async () => applyPoll(await live.closePoll(twinSpaceId, eventId, poll.id)), 'live-poll-close'));
    if (poll.kind === 'quiz' && (poll.correctOption === null || poll.correctOption === undefined)) {
      buttons.push(voteButton(t('livePolls.reveal'), async () => applyLeaderboard(await live.revealAnswer(twinSpaceId, eventId, poll.id)), 'live-poll-reveal'));
    }
    const answer = answers.get(poll.id);
    return [answer !== undefined && poll.correctOption == null ? h('p', { class: 'hint' }, t('livePolls.answerIs', { answer: poll.options[answer] })) : null,
      buttons.length ? h('div', { class: 'actions' }, buttons) : null];
  }

  // ---- The host's form: a poll (one or several choices) or a quiz question (one right option, a timer). ----
  let formState = null;
  function renderForm() {
    if (!isHost() || !mode.inside) {
      formState = null;
      replaceChildren(form);
      return;
    }
    if (formState) return; // Keep what the host is typing across re-renders.
    const kind = h('select', { testid: 'live-poll-kind' }, ['quiz', 'poll'].map((value) => h('option', { value }, t(`livePolls.kind.${value}`))));
    const question = h('input', { type: 'text', maxLength: 300, required: true, testid: 'live-poll-question' });
    const options = h('ol', { class: 'stack live-poll-options' });
    const correct = h('select', { testid: 'live-poll-correct' });
    const seconds = h('input', { type: 'number', min: 1, max: MAX_QUIZ_SECONDS, value: String(DEFAULT_QUIZ_SECONDS), testid: 'live-poll-seconds' });
    const multiple = h('input', { type: 'checkbox', testid: 'live-poll-multiple' });
    const quizFields = h('div', { class: 'stack' }, field(t('livePolls.correctOption'), correct), field(t('livePolls.seconds'), seconds));
    const pollFields = h('label', { class: 'checkbox' }, multiple, t('livePolls.allowMultiple'));
    const addOption = h('button', { type: 'button', class: 'link-button', testid: 'live-poll-add-option' }, t('livePolls.addOption'));
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'live-poll-open' }, t('livePolls.openButton'));
    const optionInputs = () => [...options.querySelectorAll('input')];
    const syncCorrect = () => {
      const chosen = correct.value;
      replaceChildren(correct, optionInputs().map((input, index) =>
        h('option', { value: String(index) }, input.value || t('livePolls.optionN', { n: index + 1 }))));
      if (chosen && Number(chosen) < optionInputs().length) correct.value = chosen;
    };
    const addInput = () => {
      const n = options.children.length + 1;
      const input = h('input', { type: 'text', maxLength: 300, testid: 'live-poll-option-input', 'aria-label': t('livePolls.optionN', { n }), oninput: syncCorrect });
      options.append(h('li', {}, input));
      addOption.hidden = options.children.length >= MAX_OPTIONS;
      syncCorrect();
    };
    for (let i = 0; i < START_OPTIONS; i++) addInput();
    addOption.addEventListener('click', addInput);
    const syncKind = () => {
      quizFields.hidden = kind.value !== 'quiz';
      pollFields.hidden = kind.value === 'quiz';
    };
    kind.addEventListener('change', syncKind);
    syncKind();
    formState = h('form', {
      class: 'stack', testid: 'live-poll-form', onsubmit: (event) => {
        event.preventDefault();
        const filled = optionInputs().map((input, index) => ({ text: input.value.trim(), index })).filter((option) => option.text);
        const quiz = kind.value === 'quiz';
        const correctIndex = filled.findIndex((option) => option.index === Number(correct.value));
        withBusy(submit, t('common.opening'), () => attempt(async () => {
          if (filled.length < MIN_OPTIONS) throw new CollabError('invalid', t('livePolls.needOptions'));
          if (quiz && correctIndex < 0) throw new CollabError('invalid', t('livePolls.needCorrect'));
          const opened = await live.openPoll(twinSpaceId, eventId, {
            kind: kind.value, question: question.value, options: filled.map((option) => option.text),
            allowMultiple: !quiz && multiple.checked, correctOption: quiz ? correctIndex : null,
            timeLimitSeconds: quiz ? Number(seconds.value) : null,
          });
          if (quiz) answers.set(opened.id, correctIndex);
          formState = null;
          applyPoll(opened);
        }));
      },
    }, h('h3', {}, t('livePolls.new')), field(t('livePolls.kindLabel'), kind), field(t('livePolls.question'), question),
    h('fieldset', { class: 'stack' }, h('legend', {}, t('livePolls.options')), options, addOption), quizFields, pollFields, submit);
    replaceChildren(form, formState);
  }

  function renderBoard() {
    const any = leaderboard && (leaderboard.attendees.length || leaderboard.schools.length || leaderboard.countries.length);
    board.hidden = !any;
    if (!any) return;
    const table = (key, title, scores, name) => h('div', { class: 'stack' }, h('h4', {}, title),
      h('ol', { testid: `live-leaderboard-${key}` }, scores.map((score) => h('li', { testid: `live-score-${key}` },
        `${name(score)}: ${t('livePolls.points', { count: score.points })} (${t('livePolls.correctCount', { count: score.correctAnswers })})`))));
    replaceChildren(board, h('h3', { id: 'live-leaderboard-heading' }, t('livePolls.leaderboard')),
      h('div', { class: 'live-leaderboard-tables' },
        table('attendees', t('livePolls.byAttendee'), leaderboard.attendees, (score) => score.key === account.id ? t('livePolls.you', { name: score.name }) : score.name),
        table('schools', t('livePolls.bySchool'), leaderboard.schools, (score) => score.name),
        table('countries', t('livePolls.byCountry'), leaderboard.countries, (score) => countryName(score.name))));
  }

  function applyPoll(poll) {
    if (!poll) return;
    const known = polls.get(poll.id);
    // A question that opens now runs its timer from now on this clock, whatever this computer's clock says.
    if (!known && poll.closesAt && !poll.closedAt) deadlines.set(poll.id, Date.now() + (new Date(poll.closesAt) - new Date(poll.openedAt)));
    // Tallies may have moved on since the poll's own record was written.
    polls.set(poll.id, known && known.voters > poll.voters ? { ...poll, tally: known.tally, voters: known.voters } : poll);
    render();
  }

  function applyTally({ pollId, tally, voters }) {
    const poll = polls.get(pollId);
    if (!poll) return;
    polls.set(pollId, { ...poll, tally, voters });
    // An open quiz shows attendees no tally: only the count of answers changes, which the clock rewrites.
    if (poll.kind === 'quiz' && isOpen(poll) && !isHost() && !mode.ended) return;
    render();
  }

  function applyLeaderboard(next) {
    if (!next) return;
    leaderboard = next;
    renderBoard();
  }

  render();
  return {
    element,
    reset(list) {
      polls.clear();
      for (const poll of list) polls.set(poll.id, poll);
      render();
    },
    applyPoll,
    applyTally,
    applyLeaderboard,
    async loadLeaderboard() {
      applyLeaderboard(await attempt(() => live.getLeaderboard(twinSpaceId, eventId)));
    },
    setMode(next) {
      mode = next;
      render();
    },
    dispose() {
      clearInterval(timer);
    },
  };
}

