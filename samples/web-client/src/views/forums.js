// The forum panel of a TwinSpace: discussions > threads > posts, live, with a reply editor and preview.
// Titles and names go in as text (dom.js); post bodies are server-sanitized HTML inserted through rich-text.js.
import { field, h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as forums from '../forums-hub.js';
import * as hub from '../hub.js';
import { formatDateTime, formatNumber, t } from '../i18n.js';
import { richText } from '../rich-text.js';
import '../forums.css';

// A copy of the forum rows of the server's permission matrix, only to hide controls; the server checks every call.
const FORUM_MATRIX = {
  createForumDiscussion: ['teacherAdministrator'],
  createForumThread: ['teacherAdministrator', 'teacher', 'expert', 'pupilAdministrator'],
  moderateForums: ['teacherAdministrator', 'teacher', 'expert'],
};
const PLACEHOLDERS = ['hidden', 'deleted', 'heldForReview'];

/**
 * `roomId` scopes the panel to a room's discussions (listed and created there); `headingId` keeps ids unique when
 * the TwinSpace's forum and a room's are both in the page.
 * @param {{ twinSpaceId: string, account: object, getTwinSpace: () => object|null, roomId?: string, headingId?: string,
 *           headingLevel?: string }} options
 */
export function renderForumPanel({ twinSpaceId, account, getTwinSpace, roomId = null, headingId = 'forum-heading', headingLevel = 'h1' }) {
  const state = { view: 'list', discussion: null, threads: [], thread: null, posts: new Map(), lastRead: 0, quoting: null };
  let disposed = false;
  let renderedFor = '';
  const body = h('div', { class: 'stack' });
  const errors = errorLine('forum-error', { isDisposed: () => disposed });
  const { attempt } = errors;
  const element = h('section', { class: 'card stack forum', 'aria-labelledby': headingId, testid: 'forum-panel' },
    h(headingLevel, { id: headingId }, t('nav.forum')), errors.element, body);

  const role = () => getTwinSpace()?.myRole ?? '';
  const writable = () => getTwinSpace()?.state === 'open';
  const can = (permission) => writable() && (FORUM_MATRIX[permission] ?? []).includes(role());
  const isModerator = () => can('moderateForums');


  async function leaveCurrent() {
    const { view, discussion, thread } = state;
    if (view === 'thread' && thread) await forums.closeThread(twinSpaceId, thread.id).catch(() => {});
    if (view === 'discussion' && discussion) await forums.closeDiscussion(twinSpaceId, discussion.id).catch(() => {});
  }

  // ---- Discussions ----
  async function showList() {
    await leaveCurrent();
    const discussions = await attempt(() => forums.listDiscussions(twinSpaceId, roomId));
    if (!discussions || disposed) return;
    Object.assign(state, { view: 'list', discussion: null, thread: null });
    replaceChildren(body,
      discussions.length === 0 ? h('p', { class: 'hint' }, t('forum.noDiscussions')) : null,
      h('ul', { class: 'forum-list', testid: 'discussion-list' }, discussions.map((discussion) =>
        h('li', { class: 'forum-row', testid: 'discussion-row', dataset: { discussionId: discussion.id } },
          h('button', { type: 'button', class: 'link-button', testid: 'discussion-open', onclick: () => showDiscussion(discussion.id) },
            discussion.title),
          h('span', { class: 'meta' }, t('forum.threadCount', { count: discussion.threadCount }))))),
      can('createForumDiscussion') ? newDiscussionForm() : null);
  }

  function newDiscussionForm() {
    const title = h('input', { type: 'text', maxLength: 150, testid: 'new-discussion-title', required: true });
    const description = h('textarea', { rows: 2, testid: 'new-discussion-description' });
    const submit = h('button', { type: 'submit', testid: 'new-discussion-submit' }, t('forum.openDiscussion'));
    return h('form', {
      class: 'stack', onsubmit: (event) => {
        event.preventDefault();
        withBusy(submit, t('common.opening'), async () => {
          const created = await attempt(() => forums.createDiscussion(twinSpaceId, title.value, description.value, roomId));
          if (created) await showDiscussion(created.id);
        });
      },
    }, h('h2', null, t('forum.newDiscussion')), field(t('forum.titleLabel'), title), field(t('forum.descriptionLabel'), description), submit);
  }

  // ---- Threads of a discussion ----
  async function showDiscussion(discussionId) {
    await leaveCurrent();
    const page = await attempt(() => forums.openDiscussion(twinSpaceId, discussionId));
    if (!page || disposed) return;
    Object.assign(state, { view: 'discussion', discussion: page.discussion, threads: page.threads, thread: null });
    renderDiscussion();
  }

  function renderDiscussion() {
    const { discussion, threads } = state;
    replaceChildren(body,
      h('button', { type: 'button', class: 'link-button back', testid: 'forum-back', onclick: showList }, t('forum.allDiscussions')),
      h('h2', { testid: 'discussion-title' }, discussion.title),
      discussion.descriptionHtml ? h('div', { class: 'rich-text' }, richText(discussion.descriptionHtml)) : null,
      threads.length === 0 ? h('p', { class: 'hint' }, t('forum.noThreads')) : null,
      h('ul', { class: 'forum-list', testid: 'thread-list' }, threads.map(threadRow)),
      can('createForumThread') ? newThreadForm() : null);
  }

  function threadRow(thread) {
    return h('li', { class: 'forum-row', testid: 'thread-row', dataset: { threadId: thread.id } },
      h('button', { type: 'button', class: 'link-button', testid: 'thread-open', onclick: () => showThread(thread.id) }, thread.title),
      thread.pinned ? h('span', { class: 'badge', testid: 'thread-pinned' }, t('forum.pinned')) : null,
      thread.locked ? h('span', { class: 'badge', testid: 'thread-locked' }, t('forum.locked')) : null,
      h('span', { class: 'meta' }, `${t('forum.replyCount', { count: thread.replyCount })} · ${thread.authorName}`),
      thread.unreadCount > 0 ? h('span', { class: 'badge unread', testid: 'thread-unread' }, t('forum.unread', { count: thread.unreadCount })) : null);
  }

  function newThreadForm() {
    const title = h('input', { type: 'text', maxLength: 150, testid: 'new-thread-title', required: true });
    const text = h('textarea', { rows: 4, testid: 'new-thread-body', required: true });
    const submit = h('button', { type: 'submit', testid: 'new-thread-submit' }, t('forum.startThread'));
    return h('form', {
      class: 'stack', onsubmit: (event) => {
        event.preventDefault();
        withBusy(submit, t('forum.starting'), async () => {
          const page = await attempt(() => forums.createThread(twinSpaceId, state.discussion.id, title.value, text.value));
          if (page) await showThread(page.thread.id);
        });
      },
    }, h('h3', null, t('forum.newThread')), field(t('forum.titleLabel'), title), field(t('forum.openingPost'), text), submit);
  }

  // ---- Posts of a thread ----
  async function showThread(threadId) {
    await leaveCurrent();
    const page = await attempt(() => forums.openThread(twinSpaceId, threadId));
    if (!page || disposed) return;
    Object.assign(state, {
      view: 'thread', discussion: page.discussion, thread: page.thread, lastRead: page.thread.lastReadNumber, quoting: null,
      posts: new Map(page.posts.map((post) => [post.id, post])),
    });
    rowCache.clear();
    renderThread();
  }

  const postList = h('ol', { class: 'post-list', testid: 'post-list' });
  const threadHeader = h('div', { class: 'stack' });
  const editorSlot = h('div');

  function renderThread() {
    renderThreadHeader();
    renderPosts();
    renderEditor();
    replaceChildren(body,
      h('button', { type: 'button', class: 'link-button back', testid: 'forum-back',
        onclick: () => showDiscussion(state.discussion.id) }, `← ${state.discussion.title}`),
      threadHeader, postList, editorSlot);
  }

  function renderThreadHeader() {
    const { thread } = state;
    const toggle = (label, testid, action) => h('button', { type: 'button', testid, onclick: (event) =>
      withBusy(event.currentTarget, '…', async () => {
        const updated = await attempt(action);
        if (updated) applyThread(updated);
      }) }, label);
    replaceChildren(threadHeader,
      h('h2', { testid: 'thread-title' }, thread.title),
      h('p', { class: 'meta' },
        thread.pinned ? h('span', { class: 'badge' }, t('forum.pinned')) : null, ' ',
        thread.locked ? h('span', { class: 'badge', testid: 'thread-locked' }, t('forum.lockedNoReplies')) : null),
      isModerator() ? h('div', { class: 'actions' },
        toggle(thread.pinned ? t('forum.unpin') : t('forum.pin'), 'thread-pin', () => forums.pinThread(twinSpaceId, thread.id, !thread.pinned)),
        toggle(thread.locked ? t('forum.unlock') : t('forum.lock'), 'thread-lock', () => forums.lockThread(twinSpaceId, thread.id, !thread.locked)))
        : null);
  }

  // Rows are rebuilt only when their post changed and are moved, not recreated: a live post arriving must not
  // close a half-written report or hide reason, nor take the keyboard focus away.
  const rowCache = new Map();
  const newSinceMarker = h('li', { class: 'new-since', testid: 'new-since-marker' }, t('forum.newSince'));
  function renderPosts() {
    const context = `${role()}|${writable()}|${state.thread.locked}`;
    const posts = [...state.posts.values()].sort((a, b) => a.number - b.number);
    const firstNew = posts.find((post) => post.number > state.lastRead && post.authorId !== account.id && state.lastRead > 0);
    const rows = posts.flatMap((post) => {
      let cached = rowCache.get(post.id);
      if (!cached || cached.post !== post || cached.context !== context) {
        cached = { post, context, row: postRow(post) };
        rowCache.set(post.id, cached);
      }
      return post === firstNew ? [newSinceMarker, cached.row] : [cached.row];
    });
    rows.forEach((row, index) => {
      if (postList.children[index] !== row) postList.insertBefore(row, postList.children[index] ?? null);
    });
    while (postList.children.length > rows.length) postList.lastElementChild.remove();
  }

  function postRow(post) {
    const mine = post.authorId === account.id;
    const visible = post.state === 'visible';
    const content = post.bodyHtml ? h('div', { class: 'rich-text', testid: 'post-body' }, richText(post.bodyHtml)) : null;
    return h('li', { class: `post state-${post.state}`, testid: 'post-row', dataset: { postId: post.id, state: post.state } },
      h('p', { class: 'meta' }, h('strong', { testid: 'post-author' }, post.authorName), ' · ',
        formatDateTime(post.createdAt), post.editedAt ? ` · ${t('forum.edited')}` : ''),
      post.quote ? h('blockquote', { class: 'quote', testid: 'post-quote' },
        h('p', { class: 'meta' }, t('forum.wrote', { name: post.quote.authorName })),
        post.quote.bodyHtml ? richText(post.quote.bodyHtml) : h('p', { class: 'hint' }, t('forum.quoteGone'))) : null,
      visible ? null : h('p', { class: 'hint', testid: 'post-placeholder' }, PLACEHOLDERS.includes(post.state) ? t(`forum.placeholder.${post.state}`) : '',
        post.moderationNote ? ` (${post.moderationNote})` : ''),
      content,
      writable() ? postActions(post, mine, visible) : h('p', { class: 'meta' }, t('forum.likes', { count: post.likeCount })));
  }

  function postActions(post, mine, visible) {
    const likeButton = h('button', {
      type: 'button', testid: 'like-button', 'aria-pressed': String(post.likedByMe), disabled: !visible,
      onclick: () => attempt(async () => applyPost(await forums.like(twinSpaceId, post.id, !post.likedByMe))),
    }, post.likedByMe ? t('forum.liked') : t('forum.like'), ' · ', h('span', { testid: 'like-count' }, formatNumber(post.likeCount)));
    const quote = visible && !state.thread.locked ? h('button', { type: 'button', testid: 'quote-button', onclick: () => {
      state.quoting = post;
      renderEditor();
    } }, t('forum.quote')) : null;
    const remove = mine && post.state !== 'deleted' ? h('button', { type: 'button', testid: 'delete-post', onclick: () => {
      if (window.confirm(t('forum.deleteConfirm'))) attempt(() => forums.deletePost(twinSpaceId, post.id));
    } }, t('common.delete')) : null;
    return h('div', { class: 'actions' }, likeButton, quote, remove,
      visible && !mine ? reasonMenu(t('common.report'), 'report', t('forum.reportPrompt'), (reason) =>
        forums.report(twinSpaceId, post.id, reason), t('forum.reported')) : null,
      isModerator() && visible ? reasonMenu(t('common.hide'), 'hide', t('forum.hideReason'), async (reason) =>
        applyPost(await forums.hidePost(twinSpaceId, post.id, reason))) : null,
      isModerator() && post.state === 'hidden' ? h('button', { type: 'button', testid: 'show-post',
        onclick: () => attempt(async () => applyPost(await forums.showPost(twinSpaceId, post.id))) }, t('forum.showAgain')) : null);
  }

  function reasonMenu(label, name, hint, action, done = '') {
    const reason = h('input', { type: 'text', maxLength: 300, testid: `${name}-reason` });
    const submit = h('button', { type: 'submit', testid: `${name}-submit` }, label);
    const form = h('form', { class: 'stack', onsubmit: (event) => {
      event.preventDefault();
      withBusy(submit, '…', () => attempt(async () => {
        await action(reason.value);
        if (done) form.replaceWith(h('p', { class: 'message', role: 'status', testid: `${name}-done` }, done));
      }));
    } }, field(hint, reason), submit);
    return h('details', { class: 'post-menu', testid: `${name}-menu` }, h('summary', null, label), form);
  }

  function renderEditor() {
    const { thread } = state;
    if (!writable() || (thread.locked && !isModerator())) {
      replaceChildren(editorSlot, thread.locked ? h('p', { class: 'hint' }, t('forum.threadLocked')) : null);
      return;
    }
    const text = h('textarea', { rows: 4, testid: 'reply-input' });
    const previewBox = h('div', { class: 'rich-text preview', testid: 'reply-preview', hidden: true });
    const previewButton = h('button', { type: 'button', testid: 'reply-preview-button', onclick: () =>
      withBusy(previewButton, t('forum.rendering'), async () => {
        const html = await attempt(() => forums.preview(twinSpaceId, text.value));
        if (html === undefined) return;
        replaceChildren(previewBox, richText(html));
        previewBox.hidden = false;
      }) }, t('forum.preview'));
    const submit = h('button', { type: 'submit', class: 'primary', testid: 'reply-submit' }, t('forum.sendReply'));
    const quoting = state.quoting;
    replaceChildren(editorSlot, h('form', {
      class: 'stack reply-editor', onsubmit: (event) => {
        event.preventDefault();
        withBusy(submit, t('common.sending'), async () => {
          const posted = await attempt(() => forums.reply(twinSpaceId, thread.id, text.value, quoting?.id ?? null));
          if (!posted) return;
          state.quoting = null;
          applyPost(posted);
          renderEditor();
        });
      },
    },
    quoting ? h('p', { class: 'meta', testid: 'reply-quoting' }, `${t('forum.quoting', { name: quoting.authorName })} `,
      h('button', { type: 'button', class: 'link-button', onclick: () => { state.quoting = null; renderEditor(); } }, t('common.cancel'))) : null,
    field(t('forum.yourReply'), text),
    h('div', { class: 'actions' }, previewButton, submit), previewBox));
  }

  // ---- Live updates ----
  // Broadcasts are the same for everyone (likedByMe false), so they keep what this member knows about their own like.
  function applyPost(post, broadcast = false) {
    if (state.view !== 'thread' || post.threadId !== state.thread?.id) return;
    const known = state.posts.get(post.id);
    state.posts.set(post.id, broadcast && known ? { ...post, likedByMe: known.likedByMe } : post);
    renderPosts();
  }

  function applyThread(thread) {
    if (state.view === 'thread' && state.thread?.id === thread.id) {
      state.thread = { ...state.thread, ...thread, lastReadNumber: state.thread.lastReadNumber, unreadCount: 0 };
      renderThreadHeader();
      renderEditor();
    } else if (state.view === 'discussion' && thread.discussionId === state.discussion?.id) {
      showDiscussion(state.discussion.id);
    }
  }

  const mine = (handler) => (payload) => {
    if (!disposed && payload?.twinSpaceId === twinSpaceId) handler(payload);
  };
  const unsubscribers = [
    hub.on('ForumPostAdded', mine(({ post }) => {
      applyPost(post, true);
      if (state.view === 'thread' && post.threadId === state.thread?.id) forums.markRead(twinSpaceId, post.threadId, post.number).catch(() => {});
    })),
    hub.on('ForumPostChanged', mine(({ post }) => applyPost(post, true))),
    hub.on('ForumLikesChanged', mine(({ postId, likeCount }) => {
      const post = state.posts.get(postId);
      if (post) applyPost({ ...post, likeCount }, true);
    })),
    hub.on('ForumThreadChanged', mine(({ thread, deleted }) => {
      if (deleted && state.thread?.id === thread.id) showDiscussion(thread.discussionId);
      else applyThread(thread);
    })),
    hub.on('ForumThreadCreated', mine(({ thread }) => {
      if (state.view === 'discussion' && thread.discussionId === state.discussion?.id) showDiscussion(thread.discussionId);
    })),
    hub.on('ForumDiscussionCreated', mine(() => {
      if (state.view === 'list') showList();
    })),
    // Groups are lost on reconnect and events may have been missed: open the current view again.
    hub.onReconnected(() => {
      if (state.view === 'thread') showThread(state.thread.id);
      else if (state.view === 'discussion') showDiscussion(state.discussion.id);
      else showList();
    }),
  ];

  showList();
  return {
    element,
    /** The TwinSpace changed: redraw the controls when the role or the state changed (not otherwise: drafts stay). */
    refresh() {
      const context = `${role()}|${getTwinSpace()?.state}`;
      if (context === renderedFor) return;
      renderedFor = context;
      if (state.view === 'thread') renderThread();
      else if (state.view === 'discussion') renderDiscussion();
    },
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      leaveCurrent();
    },
  };
}
