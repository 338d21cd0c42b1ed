// The teachers' moderation tools of the chat panel that need more room than a button on a message row:
// the mute form, a message's history (full text, earlier versions, why it is hidden), the mutes in force
// (loaded from the server, so every teacher sees who cannot write where) and the TwinSpace's word list, which
// chat and forums share.
import * as chat from '../chat-api.js';
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import { can } from '../roles.js';

const DEFAULT_MUTE_MINUTES = 10;
// The JSON protocol sends WordFilterAction as camelCase strings (docs/protocol.md).
const WORD_ACTIONS = ['mask', 'holdForReview', 'block'];

/**
 * @param {{ twinSpaceId: string, members: () => object[], channelTitle: (channelId: string) => string,
 *   attempt: (action: () => Promise<any>) => Promise<any>, onMutesChanged: () => void }} options
 * `attempt` runs a call and shows its failure in the panel's error line (resolving to undefined then).
 */
export function createChatModeration({ twinSpaceId, members, channelTitle, attempt, onMutesChanged }) {
  /** @type {Map<string, object>} "channelId|accountId" -> MuteView plus channelId and name */
  const mutes = new Map();
  let shownDetails = null;

  const panel = h('div', { class: 'stack chat-moderation-panel' });
  const muteList = h('ul', { class: 'stack chat-mutes', testid: 'chat-mutes' });
  const muteSection = h('section', { class: 'stack', hidden: true }, h('h3', {}, t('moderation.mutedNow')), muteList);
  const wordList = createWordListEditor(twinSpaceId, attempt);
  const settings = h('div', { class: 'stack' }, muteSection, wordList);

  const memberOf = (accountId) => members().find((m) => m.accountId === accountId);
  const nameOf = (accountId) => memberOf(accountId)?.displayName ?? t('moderation.formerMember');

  function close() {
    shownDetails = null;
    replaceChildren(panel);
  }

  const closeButton = (testid) => h('button', { type: 'button', testid, onclick: close }, t('common.close'));

  /** Teachers supervise and cannot be muted (the server refuses); only members still in the TwinSpace can be. */
  function canMute(accountId) {
    const member = memberOf(accountId);
    return Boolean(member) && !can(member.role, 'moderateChat');
  }

  function isMuted(channelId, accountId) {
    const mute = mutes.get(`${channelId}|${accountId}`);
    return Boolean(mute) && new Date(mute.until) > new Date();
  }

  function startMute(channelId, message) {
    shownDetails = null;
    const minutes = h('input', { type: 'number', min: 1, step: 1, value: String(DEFAULT_MUTE_MINUTES), required: true, testid: 'chat-mute-minutes' });
    const reason = h('input', { type: 'text', maxLength: 500, required: true, testid: 'chat-mute-reason' });
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'chat-mute-submit' }, t('chat.mute'));
    const form = h('form', { class: 'stack', testid: 'chat-mute-form', onsubmit: (event) => {
      event.preventDefault();
      withBusy(submit, t('moderation.muting'), async () => {
        const mute = await attempt(() => chat.mute(twinSpaceId, channelId, message.authorId, Number(minutes.value), reason.value.trim()));
        if (!mute) return;
        mutes.set(`${channelId}|${message.authorId}`, { ...mute, channelId, name: message.authorName });
        close();
        renderMutes();
      });
    } },
    h('h3', {}, t('moderation.muteHeading', { name: message.authorName, channel: channelTitle(channelId) })),
    h('p', { class: 'hint' }, t('moderation.muteHint')),
    field(t('moderation.minutes'), minutes),
    field(t('moderation.reason'), reason),
    h('div', { class: 'actions' }, submit, closeButton('chat-mute-cancel')));
    replaceChildren(panel, form);
    reason.focus();
  }

  async function unmute(mute, button) {
    await withBusy(button, t('moderation.unmuting'), async () => {
      const done = await attempt(async () => {
        await chat.unmute(twinSpaceId, mute.channelId, mute.accountId);
        return true;
      });
      if (!done) return;
      mutes.delete(`${mute.channelId}|${mute.accountId}`);
      renderMutes();
    });
  }

  function renderMutes() {
    muteSection.hidden = mutes.size === 0;
    replaceChildren(muteList, [...mutes.values()].map((mute) => h('li', {
      class: 'actions', testid: 'chat-mute-entry', dataset: { accountId: mute.accountId, channelId: mute.channelId },
    },
    h('span', {}, t('moderation.muteEntry', { name: mute.name, channel: channelTitle(mute.channelId), until: timeOf(mute.until), reason: mute.reason })),
    h('button', { type: 'button', testid: 'chat-unmute', onclick: (event) => unmute(mute, event.currentTarget) }, t('moderation.unmute')))));
    onMutesChanged();
  }

  /** The mutes in force in this TwinSpace's chat, from the server (scopes are "chat:<channelId>"). */
  async function loadMutes() {
    const current = await attempt(() => chat.mutes(twinSpaceId));
    if (!current) return;
    mutes.clear();
    for (const mute of current) {
      const channelId = mute.scope.slice('chat:'.length);
      mutes.set(`${channelId}|${mute.accountId}`, { ...mute, channelId, name: nameOf(mute.accountId) });
    }
    renderMutes();
  }

  async function showHistory(channelId, sequence) {
    const details = await attempt(() => chat.details(twinSpaceId, channelId, sequence));
    if (!details) return;
    shownDetails = { channelId, sequence };
    const { message, edits } = details;
    replaceChildren(panel, h('section', { class: 'stack', testid: 'chat-details', dataset: { sequence: String(sequence) } },
      h('h3', {}, t('moderation.messageBy', { name: message.authorName, date: timeOf(message.sentAt) })),
      h('p', { class: 'chat-details-text', testid: 'chat-details-text' }, details.fullText || t('moderation.noText')),
      stateNotes(details).map((note) => h('p', { class: 'hint', testid: 'chat-details-state' }, note)),
      edits.length
        ? h('div', { class: 'stack' }, h('h4', {}, t('moderation.earlierVersions')),
          h('ol', { class: 'stack', testid: 'chat-details-edits' }, edits.map((edit) => h('li', { testid: 'chat-details-edit' },
            h('span', { class: 'chat-details-text' }, edit.text), h('span', { class: 'hint' }, ` ${t('moderation.replaced', { date: timeOf(edit.replacedAt) })}`)))))
        : h('p', { class: 'hint', testid: 'chat-details-never-edited' }, t('moderation.neverEdited')),
      h('div', { class: 'actions' }, closeButton('chat-details-close'))));
  }

  function stateNotes(details) {
    return [
      details.deleted ? t('moderation.deletedByAuthor') : null,
      details.held ? t('moderation.heldByList') : null,
      details.hiddenBy ? t('moderation.hiddenBy', { name: nameOf(details.hiddenBy), reason: details.hiddenReason }) : null,
    ].filter(Boolean);
  }

  /** Keeps an open history current when the message is edited, hidden or deleted meanwhile. */
  function messageChanged(message) {
    if (shownDetails?.channelId === message.channelId && shownDetails.sequence === message.sequence) {
      showHistory(message.channelId, message.sequence);
    }
  }

  return { panel, settings, canMute, isMuted, startMute, loadMutes, showHistory, messageChanged, close };
}

/** The TwinSpace's word list: loaded when first opened, edited locally, stored with one save. */
function createWordListEditor(twinSpaceId, attempt) {
  let rules = [];
  let loaded = false;
  const list = h('ul', { class: 'stack chat-word-rules', testid: 'chat-word-rules' });
  const status = h('p', { class: 'hint', role: 'status', testid: 'chat-word-status' });
  const word = h('input', { type: 'text', maxLength: 64, required: true, testid: 'chat-word-input' });
  const newAction = actionSelect('block', 'chat-word-new-action', t('moderation.whatHappens'));
  const save = h('button', { type: 'button', class: 'primary', testid: 'chat-word-save', onclick: () => withBusy(save, t('common.saving'), async () => {
    const stored = await attempt(() => chat.setWordList(twinSpaceId, rules));
    if (!stored) return;
    rules = stored;
    render(t('moderation.wordsSaved', { count: stored.length }));
  }) }, t('moderation.saveWords'));
  const addForm = h('form', { class: 'actions', onsubmit: (event) => {
    event.preventDefault();
    const text = word.value.trim();
    if (!text) return;
    // Same word twice: the new action replaces the old one (the server would keep only the first).
    rules = [...rules.filter((rule) => rule.word.toLowerCase() !== text.toLowerCase()), { word: text, action: newAction.value }];
    word.value = '';
    render(t('moderation.notSaved'));
  } }, field(t('moderation.word'), word), field(t('moderation.whatHappens'), newAction),
  h('button', { type: 'submit', testid: 'chat-word-add' }, t('common.add')));
  const element = h('details', { testid: 'chat-word-list', ontoggle: () => {
    if (element.open && !loaded) load();
  } },
  h('summary', {}, t('moderation.wordList')),
  h('div', { class: 'stack' },
    h('p', { class: 'hint' }, t('moderation.wordListHint')),
    list, addForm, h('div', { class: 'actions' }, save), status));

  async function load() {
    const stored = await attempt(() => chat.wordList(twinSpaceId));
    if (!stored) return;
    loaded = true;
    rules = stored;
    render('');
  }

  function render(statusText) {
    status.textContent = statusText;
    replaceChildren(list, rules.length === 0 ? h('li', { class: 'hint' }, t('moderation.noWords')) : rules.map((rule, index) =>
      h('li', { class: 'actions', testid: 'chat-word-rule', dataset: { word: rule.word, action: rule.action } },
        h('span', { class: 'chat-word', testid: 'chat-word-text' }, rule.word),
        actionSelect(rule.action, 'chat-word-action', t('moderation.whatHappensWith', { word: rule.word }), (event) => {
          rules = rules.map((r, i) => (i === index ? { ...r, action: event.currentTarget.value } : r));
          render(t('moderation.notSaved'));
        }),
        h('button', { type: 'button', testid: 'chat-word-remove', onclick: () => {
          rules = rules.filter((_, i) => i !== index);
          render(t('moderation.notSaved'));
        } }, t('common.remove')))));
  }

  return element;
}

function actionSelect(value, testid, label, onchange) {
  return h('select', { testid, 'aria-label': label, onchange },
    WORD_ACTIONS.map((action) => h('option', { value: action, selected: action === value }, t(`moderation.action.${action}`))));
}

function timeOf(isoDate) {
  return formatDateTime(isoDate);
}
