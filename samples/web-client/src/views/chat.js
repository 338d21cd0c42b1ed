// The chat panel of a TwinSpace: channels with unread counts, messages with paging, typing, reactions,
// edit/delete/report, and for teachers direct messages, breakouts and moderation: hide, history and mute on a
// message, the review queue, and (chat-moderation.js) the mute form, message history, the session's mutes and
// the word list. Messages are kept per channel by sequence; a gap or a reconnect is filled with "since N"
// (docs/protocol.md).
import * as chat from '../chat-api.js';
import { h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import { formatNumber, t } from '../i18n.js';
import * as hub from '../hub.js';
import { can } from '../roles.js';
import { createChatModeration } from './chat-moderation.js';

const PAGE_SIZE = 50;
const TYPING_SEND_INTERVAL_MS = 2_000;
const REACTIONS = ['👍', '❤️', '😂', '🎉'];

// The two channels every TwinSpace has are named by the server in English; they are shown in the reader's language.
function channelTitle(channel) {
  if (channel.id === 'general' && channel.kind === 'general') return t('chat.general');
  if (channel.id === 'teachers' && channel.kind === 'teachers') return t('chat.teachers');
  return channel.title;
}

/**
 * `channelId` scopes the panel to one channel (a room's): no channel list, no teacher tools, no review queue (the
 * TwinSpace's chat view has them); `headingId` keeps ids unique when both panels are in the page. `onRefused` is
 * called, instead of showing an error, when the server refuses that one channel (`forbidden`): a teacher who is not a
 * member attends a public event, and the event's chat may not be open to them. For such a `guest` (no role in the
 * TwinSpace) the channel's own `canWrite` alone says whether they write.
 * @param {{ twinSpaceId: string, account: object, role: string, members: () => object[], channelId?: string,
 *           headingId?: string, headingLevel?: string, onRefused?: () => void, guest?: boolean }} options
 */
export function renderChatPanel({
  twinSpaceId, account, role, members, channelId: onlyChannelId, headingId = 'chat-heading', headingLevel = 'h1', onRefused, guest = false,
}) {
  const scoped = Boolean(onlyChannelId);
  const roleMayWrite = guest || can(role, 'writeChat');
  const moderator = can(role, 'moderateChat') && !scoped;
  /** @type {Map<string, object>} */
  const channels = new Map();
  /** @type {Map<number, object>} sequence -> message of the open channel */
  let messages = new Map();
  let openId = null;
  let hasOlder = false;
  let disposed = false;
  let lastTypingSent = 0;
  const typists = new Map();

  const errors = errorLine('chat-error', { isDisposed: () => disposed });
  const { attempt, show: fail } = errors;
  const channelList = h('ul', { class: 'chat-channels', testid: 'chat-channel-list', hidden: scoped });
  const older = h('button', { type: 'button', hidden: true, testid: 'chat-older', onclick: () => loadOlder() }, t('chat.older'));
  const messageList = h('ol', { class: 'chat-messages', testid: 'chat-messages', 'aria-live': 'polite' });
  const typingLine = h('p', { class: 'hint', testid: 'chat-typing' });
  const input = h('textarea', { rows: 2, maxlength: 4000, testid: 'chat-input', 'aria-label': t('chat.message'), oninput: () => sendTyping() });
  const sendButton = h('button', { type: 'submit', testid: 'chat-send' }, t('chat.send'));
  const composer = h('form', { class: 'chat-composer', onsubmit: (event) => { event.preventDefault(); sendMessage(); } }, input, sendButton);
  const teacherTools = h('div', { class: 'stack' });
  const review = h('section', { class: 'stack', hidden: !moderator, testid: 'chat-review' });
  const moderation = moderator ? createChatModeration({
    twinSpaceId, members, attempt,
    channelTitle: (channelId) => (channels.has(channelId) ? channelTitle(channels.get(channelId)) : channelId),
    onMutesChanged: () => renderMessages(),
  }) : null;
  const element = h('section', { class: 'card stack chat', testid: 'chat-panel', 'aria-labelledby': headingId },
    h(headingLevel, { id: headingId }, t('nav.chat')),
    errors.element, channelList, teacherTools,
    h('div', { class: 'stack chat-room' }, older, messageList, typingLine, composer, moderation?.panel),
    review, moderation?.settings);

  function renderChannels() {
    replaceChildren(channelList, [...channels.values()].map((channel) => h('li', {},
      h('button', {
        type: 'button', class: channel.id === openId ? 'selected' : '', testid: 'chat-channel',
        dataset: { channelId: channel.id, kind: channel.kind }, onclick: () => open(channel.id),
      }, channelTitle(channel),
      channel.id !== openId && channel.unread > 0 ? h('span', { class: 'badge', testid: 'chat-unread', 'aria-label': t('chat.unread', { count: channel.unread }) }, formatNumber(channel.unread)) : null))));
  }

  function renderTeacherTools() {
    if (!can(role, 'directMessageTeachers') || scoped) return;
    const teachers = members().filter((m) => m.accountId !== account.id && ['teacherAdministrator', 'teacher'].includes(m.role));
    const pupils = members().filter((m) => m.kind === 'pupil');
    const dmSelect = h('select', { testid: 'chat-dm-select', 'aria-label': t('chat.teacher') },
      teachers.map((t) => h('option', { value: t.accountId }, t.displayName)));
    const dmButton = h('button', { type: 'button', testid: 'chat-open-dm' }, t('chat.messageTeacher'));
    dmButton.addEventListener('click', () => withBusy(dmButton, t('common.opening'), async () => {
      try {
        const channel = await chat.openDirectChannel(twinSpaceId, dmSelect.value);
        addChannel(channel);
        await open(channel.id);
      } catch (failure) {
        fail(failure);
      }
    }));
    const title = h('input', { type: 'text', testid: 'chat-breakout-title', 'aria-label': t('chat.breakoutTitle'), placeholder: t('chat.breakoutTitle') });
    const picks = pupils.map((p) => h('label', {}, h('input', { type: 'checkbox', value: p.accountId, testid: 'chat-breakout-member' }), ' ', p.displayName));
    const create = h('button', { type: 'button', testid: 'chat-create-breakout' }, t('chat.createBreakout'));
    create.addEventListener('click', () => withBusy(create, t('common.creating'), async () => {
      const ids = picks.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
      try {
        const channel = await chat.createBreakout(twinSpaceId, title.value, ids);
        addChannel(channel);
        await open(channel.id);
      } catch (failure) {
        fail(failure);
      }
    }));
    replaceChildren(teacherTools,
      teachers.length ? h('div', { class: 'row' }, dmSelect, dmButton) : null,
      pupils.length ? h('details', {}, h('summary', {}, t('chat.newBreakout')), title, picks, create) : null);
  }

  function addChannel(channel) {
    channels.set(channel.id, { ...channels.get(channel.id), ...channel });
    renderChannels();
  }

  function renderMessages() {
    const rows = [...messages.values()].sort((a, b) => a.sequence - b.sequence)
      // Hidden messages disappear for everyone but moderators; held ones show only to their author.
      .filter((m) => !(m.state === 'hidden' && !moderator) && !(m.state === 'held' && m.authorId !== account.id && !moderator))
      .map(messageRow);
    replaceChildren(messageList, rows);
    older.hidden = !hasOlder;
    messageList.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }

  function messageRow(message) {
    const mine = message.authorId === account.id;
    const visible = message.state === 'visible';
    const actions = [];
    if (visible && roleMayWrite && channels.get(openId)?.canWrite) {
      for (const emoji of REACTIONS) {
        const reaction = message.reactions.find((r) => r.emoji === emoji);
        const reacted = reaction?.accountIds.includes(account.id) ?? false;
        actions.push(h('button', {
          type: 'button', class: reacted ? 'reaction on' : 'reaction', testid: 'chat-react', dataset: { emoji },
          'aria-pressed': String(reacted), onclick: () => act(() => chat.react(twinSpaceId, openId, message.sequence, emoji, !reacted)),
        }, emoji, reaction ? ` ${reaction.count}` : ''));
      }
    }
    if (visible && mine) {
      actions.push(h('button', { type: 'button', testid: 'chat-edit', onclick: () => {
        const text = window.prompt(t('chat.editPrompt'), message.text);
        if (text) act(() => chat.edit(twinSpaceId, openId, message.sequence, text));
      } }, t('common.edit')));
      actions.push(h('button', { type: 'button', testid: 'chat-delete', onclick: () => act(() => chat.remove(twinSpaceId, openId, message.sequence)) }, t('common.delete')));
    }
    if (visible && !mine) {
      actions.push(h('button', { type: 'button', testid: 'chat-report', onclick: () => {
        const reason = window.prompt(t('chat.reportPrompt'), '');
        if (reason !== null) act(() => chat.report(twinSpaceId, openId, message.sequence, reason), t('chat.reported'));
      } }, t('common.report')));
    }
    if (moderator && message.state !== 'hidden') {
      actions.push(h('button', { type: 'button', testid: 'chat-hide', onclick: () => {
        const reason = window.prompt(t('chat.hidePrompt'), '');
        if (reason) act(() => chat.hide(twinSpaceId, openId, message.sequence, reason));
      } }, t('common.hide')));
    }
    if (moderator) {
      actions.push(h('button', { type: 'button', testid: 'chat-history', onclick: () => moderation.showHistory(openId, message.sequence) }, t('chat.history')));
    }
    if (moderator && !mine && moderation.canMute(message.authorId)) {
      actions.push(h('button', { type: 'button', testid: 'chat-mute', onclick: () => moderation.startMute(openId, message) }, t('chat.mute')));
    }
    const text = {
      visible: message.text,
      deleted: t('chat.deleted'),
      hidden: t('chat.hiddenByTeacher'),
      held: message.text ? t('chat.heldWithText', { text: message.text }) : t('chat.held'),
    }[message.state];
    return h('li', { class: `chat-message ${message.state}`, testid: 'chat-message', dataset: { sequence: String(message.sequence), state: message.state } },
      h('span', { class: 'author', testid: 'chat-author' }, message.authorName),
      h('span', { class: 'text', testid: 'chat-text' }, text),
      message.editedAt && visible ? h('span', { class: 'meta' }, ` ${t('chat.edited')}`) : null,
      moderation?.isMuted(openId, message.authorId) ? h('span', { class: 'badge', testid: 'chat-muted' }, t('chat.muted')) : null,
      actions.length ? h('span', { class: 'actions' }, actions) : null);
  }

  async function act(action, notice) {
    const result = await attempt(action);
    if (result === undefined) return;
    apply(result);
    if (notice) typingLine.textContent = notice;
  }

  function apply(message) {
    if (!message?.sequence || message.channelId !== openId) return;
    messages.set(message.sequence, message);
    renderMessages();
  }

  function lastSequence() {
    return messages.size ? Math.max(...messages.keys()) : 0;
  }

  // "since N" until caught up: every message missed exactly once, or a reload of the newest page.
  async function catchUp(channelId) {
    for (;;) {
      const page = await chat.since(twinSpaceId, channelId, lastSequence());
      if (disposed || channelId !== openId) return;
      if (page.reloadRequired) {
        // Too much was missed: what is shown is dropped and the newest page replaces it.
        messages = new Map();
        await loadNewest(channelId);
        return;
      }
      for (const message of page.messages) messages.set(message.sequence, message);
      // Older messages edited, deleted, hidden or approved while this client was away.
      for (const message of page.changed ?? []) if (messages.has(message.sequence)) messages.set(message.sequence, message);
      renderMessages();
      if (!page.hasMore || page.messages.length === 0) break;
    }
    markRead();
  }

  async function loadNewest(channelId) {
    const page = await chat.history(twinSpaceId, channelId, null, PAGE_SIZE);
    if (disposed || channelId !== openId) return;
    // Messages that arrived live while the page was on its way are newer than it, or the same: keep them (dropping
    // them lost a message for good, as the next live one then looked like no gap).
    const arrived = messages;
    messages = new Map(page.messages.map((m) => [m.sequence, m]));
    for (const [sequence, message] of arrived) if (!messages.has(sequence)) messages.set(sequence, message);
    hasOlder = page.hasMore;
    renderMessages();
  }

  async function loadOlder() {
    const first = Math.min(...messages.keys());
    try {
      const page = await chat.history(twinSpaceId, openId, first, PAGE_SIZE);
      for (const message of page.messages) messages.set(message.sequence, message);
      hasOlder = page.hasMore;
      renderMessages();
    } catch (failure) {
      fail(failure);
    }
  }

  async function open(channelId) {
    if (!channelId) return;
    errors.clear();
    if (openId && openId !== channelId) chat.closeChannel(twinSpaceId, openId).catch(() => {});
    openId = channelId;
    messages = new Map();
    moderation?.close();
    typists.clear();
    renderTyping();
    try {
      addChannel(await chat.openChannel(twinSpaceId, channelId));
      composer.hidden = !channels.get(channelId)?.canWrite || !roleMayWrite;
      await loadNewest(channelId);
      markRead();
    } catch (failure) {
      if (scoped && onRefused && failure?.code === 'forbidden') {
        openId = null;
        onRefused();
      } else {
        fail(failure);
      }
    }
  }

  function markRead() {
    const sequence = lastSequence();
    const channel = channels.get(openId);
    if (!channel || sequence === 0) return;
    chat.markRead(twinSpaceId, openId, sequence).then(addChannel).catch(() => {});
  }

  async function sendMessage() {
    const text = input.value.trim();
    if (!text) return;
    // An earlier failure (e.g. a mute that has since been lifted) must not stay on screen after this send.
    errors.clear();
    const clientMessageId = crypto.randomUUID();
    await withBusy(sendButton, t('common.sending'), async () => {
      // A message written while the panel is still opening its first channel waits for it instead of being
      // dropped without a word (a quick typist, or a slow connection, can press Send before the list arrives).
      await started;
      if (!openId) return;
      try {
        const result = await chat.send(twinSpaceId, openId, clientMessageId, text);
        input.value = '';
        apply(result.message);
        markRead();
      } catch (failure) {
        fail(failure);
      }
    });
  }

  function sendTyping() {
    const now = Date.now();
    if (!openId || now - lastTypingSent < TYPING_SEND_INTERVAL_MS) return;
    lastTypingSent = now;
    chat.typing(twinSpaceId, openId).catch(() => {});
  }

  function renderTyping() {
    const now = Date.now();
    for (const [id, typist] of typists) if (typist.until < now) typists.delete(id);
    typingLine.textContent = typists.size
      ? t('chat.typing', { names: [...typists.values()].map((typist) => typist.name).join(', '), count: typists.size }) : '';
  }

  async function renderReview() {
    if (!moderator) return;
    try {
      const items = await chat.reviewQueue(twinSpaceId);
      replaceChildren(review, h('h2', {}, t('chat.toReview', { count: items.length })), items.map((item) => h('div', { class: 'row', testid: 'chat-review-item' },
        h('span', {}, t('chat.reviewItem', { author: item.authorName, excerpt: item.excerpt,
          reason: `${item.reason}${item.reports.length ? `: ${item.reports.join('; ')}` : ''}` })),
        h('button', { type: 'button', testid: 'chat-approve', onclick: () => resolve(item.id, 'approve') }, t('chat.approve')),
        h('button', { type: 'button', testid: 'chat-remove', onclick: () => resolve(item.id, 'remove') }, t('common.remove')))));
    } catch (failure) {
      fail(failure);
    }
  }

  async function resolve(itemId, decision) {
    try {
      await chat.resolveReview(twinSpaceId, itemId, decision);
      await renderReview();
    } catch (failure) {
      fail(failure);
    }
  }

  const mine = (handler) => (payload) => {
    if (!disposed && payload?.twinSpaceId === twinSpaceId) handler(payload);
  };
  const typingTimer = setInterval(renderTyping, 1_000);
  const unsubscribers = [
    hub.on('ChatMessageReceived', mine((message) => {
      if (message.channelId !== openId) {
        const channel = channels.get(message.channelId);
        if (channel) addChannel({ ...channel, unread: channel.unread + 1 });
        return;
      }
      const gap = message.sequence > lastSequence() + 1 && messages.size > 0;
      messages.set(message.sequence, message);
      typists.delete(message.authorId);
      renderTyping();
      renderMessages();
      if (gap) catchUp(openId).catch(fail);
      else markRead();
      if (message.state === 'held') renderReview();
    })),
    hub.on('ChatMessageChanged', mine((message) => {
      if (message.channelId === openId && messages.has(message.sequence)) apply(message);
      moderation?.messageChanged(message);
    })),
    hub.on('ChatTyping', mine((event) => {
      if (event.channelId !== openId || event.accountId === account.id) return;
      typists.set(event.accountId, { name: event.displayName, until: Date.now() + event.expiresInMilliseconds });
      renderTyping();
    })),
    hub.on('ChatChannelAdded', mine((channel) => { if (!scoped) addChannel(channel); })),
    // Groups are lost on reconnect: open the channel again and fetch what was missed, new messages and changes
    // to the ones shown ("since N" brings both).
    hub.onReconnected(() => {
      if (!openId) return;
      const channelId = openId;
      chat.openChannel(twinSpaceId, channelId).then(() => catchUp(channelId)).catch(fail);
      start();
    }),
  ];

  async function start() {
    if (scoped) {
      if (!openId) await open(onlyChannelId);
      return;
    }
    try {
      const list = await chat.listChannels(twinSpaceId);
      if (disposed) return;
      for (const channel of list) channels.set(channel.id, channel);
      renderChannels();
      renderTeacherTools();
      if (!openId) await open('general');
      await renderReview();
      await moderation?.loadMutes();
    } catch (failure) {
      fail(failure);
    }
  }

  const started = start();
  return {
    element,
    refreshReview: renderReview,
    dispose() {
      disposed = true;
      clearInterval(typingTimer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (openId) chat.closeChannel(twinSpaceId, openId).catch(() => {});
    },
  };
}
