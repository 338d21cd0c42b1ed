// A TwinSpace as members know it from the platform: a navigation menu (Home, the page tree with sub-pages,
// Materials, Forum, Chat, Members, and for teachers the Teacher bulletin and Settings) beside one view at a time.
// Every view has its own address (routes.js). Views are built when first opened and kept while the TwinSpace is
// open, so a half-written reply or an open chat survives a look at another view.
import { h, replaceChildren } from '../dom.js';
import { messageOf } from '../errors.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import { createPageTree, renderPageMenu } from '../pages/page-tree.js';
import { renderPagesOverview } from '../pages/pages-overview.js';
import { renderPageView } from '../pages/page-view.js';
import { can } from '../roles.js';
import { PUBLIC_EVENTS_HASH, twinSpaceHash } from '../routes.js';
import { renderBulletin } from './bulletin.js';
import { renderChatPanel } from './chat.js';
import { renderForumPanel } from './forums.js';
import { renderHome } from './home.js';
import { renderLiveEvents } from './live-events.js';
import { materialsPanel } from './materials.js';
import { renderMembers } from './members.js';
import { renderRooms } from './rooms.js';
import { renderSettings } from './settings.js';

const NAV_SECTIONS = ['home', 'pages', 'materials', 'forum', 'chat', 'rooms', 'events', 'members', 'bulletin', 'settings'];
const TEACHER_ONLY = { bulletin: 'viewBulletin', settings: 'managePupils' };

/**
 * @param {{ twinSpaceId: string, account: object, navigate: (hash: string, notice?: string) => void,
 *           setTitle: (title: string) => void, onRevoked: (message: string) => void }} options
 */
export function renderTwinSpace({ twinSpaceId, account, navigate, setTitle, onRevoked }) {
  /** @type {{ twinSpace: object|null, members: Map<string, object> }} */
  const state = { twinSpace: null, members: new Map() };
  let disposed = false;
  let joined = false;
  let route = { section: 'home' };
  const views = new Map(); // section (or "page:<id>") -> { element, refresh?, dispose }
  const memberListeners = new Set();

  const myRole = () => state.twinSpace?.myRole ?? '';
  const isOpen = () => state.twinSpace?.state === 'open';
  const allowed = (permission) => isOpen() && can(myRole(), permission);
  const mayOpen = (section) => !TEACHER_ONLY[section] || can(myRole(), TEACHER_ONLY[section]);

  const status = h('p', { class: 'message', role: 'status', testid: 'twinspace-message' }, t('twinspace.opening'));
  const navTitle = h('p', { class: 'nav-title', testid: 'nav-twinspace-title' });
  const navList = h('ul', { class: 'nav-list' });
  const navError = h('p', { class: 'message error', role: 'alert', hidden: true, testid: 'nav-error' });
  const nav = h('nav', { id: 'twinspace-nav', class: 'twinspace-nav', 'aria-label': t('nav.label'), testid: 'twinspace-nav' },
    navTitle, navList, navError,
    account.kind === 'teacher' ? h('a', { href: '#/twinspaces', class: 'back', testid: 'nav-my-twinspaces',
      onclick: (event) => { if (!canLeave()) event.preventDefault(); } }, t('nav.myTwinSpaces')) : null,
    account.kind === 'teacher' ? h('a', { href: PUBLIC_EVENTS_HASH, class: 'back', testid: 'nav-public-events',
      onclick: (event) => { if (!canLeave()) event.preventDefault(); } }, t('nav.publicEvents')) : null);
  // On a phone the menu folds away behind one button; on wider screens it is always shown (styles.css).
  const menuButton = h('button', {
    type: 'button', class: 'menu-toggle', testid: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'twinspace-nav',
    onclick: () => setMenuOpen(menuButton.getAttribute('aria-expanded') !== 'true'),
  }, t('nav.menu'));
  const setMenuOpen = (open) => {
    menuButton.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  };
  // A link to the view already shown changes no address (no route event): close the menu here as well.
  nav.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) setMenuOpen(false);
  });
  const banner = h('div');
  const reminder = h('div', { class: 'stack' });
  const content = h('div', { class: 'twinspace-content stack', testid: 'twinspace-content' }, status, banner, reminder);
  const element = h('div', { class: 'twinspace-layout' }, menuButton, nav, content);

  const tree = createPageTree({
    twinSpaceId, account, role: myRole, isOpen,
    onChange: () => {
      renderNav();
      for (const [key, view] of views) if (key.startsWith('page:') || key === 'pages') view.refresh?.(route.sub);
    },
    onError: showNavError,
  });

  function showNavError(text) {
    navError.textContent = text;
    navError.hidden = !text;
  }

  function showError(error) {
    status.textContent = messageOf(error);
    status.className = 'message error';
    status.hidden = false;
  }

  const ctx = {
    twinSpaceId, account, navigate, tree, state,
    myRole, isOpen, allowed,
    members: () => [...state.members.values()],
    applyMember, applyTwinSpace, onRevoked,
    /** Calls `listener()` whenever the member list changes. */
    onMembersChanged(listener) {
      memberListeners.add(listener);
      return () => memberListeners.delete(listener);
    },
  };

  function buildView(key) {
    if (key.startsWith('page:')) return renderPageView({ twinSpaceId, account, tree, pageId: key.slice(5), navigate });
    switch (key) {
      case 'home': return renderHome(ctx);
      case 'pages': return renderPagesOverview({ twinSpaceId, tree, navigate });
      case 'materials': {
        const panel = materialsPanel({ twinSpaceId, account });
        return { element: panel.element, refresh: () => panel.update(state.twinSpace), dispose: panel.dispose };
      }
      case 'forum': return renderForumPanel({ twinSpaceId, account, getTwinSpace: () => state.twinSpace });
      case 'chat': {
        const panel = renderChatPanel({ twinSpaceId, account, role: myRole(), members: ctx.members });
        return { ...panel, refresh() {} };
      }
      case 'rooms': {
        // Other views' addresses carry other things in `sub`: only a rooms address names a room.
        const panel = renderRooms(ctx);
        return { ...panel, refresh: () => { if (route.section === 'rooms') panel.refresh(route.sub); } };
      }
      case 'events': {
        const panel = renderLiveEvents(ctx);
        return { ...panel, refresh: () => { if (route.section === 'events') panel.refresh(route.sub); } };
      }
      case 'members': return renderMembers(ctx);
      case 'bulletin': return renderBulletin(ctx);
      case 'settings': return renderSettings(ctx);
      default: return null;
    }
  }

  function viewKey() {
    if (route.section === 'pages' && route.pageId) return `page:${route.pageId}`;
    return route.section;
  }

  /** Shows the view of the current route (once the TwinSpace is joined). */
  function showView() {
    if (!state.twinSpace) return;
    if (!mayOpen(route.section)) {
      navigate(twinSpaceHash(twinSpaceId));
      return;
    }
    const key = viewKey();
    // Pages are light and hold a live editor: only the page shown stays open.
    for (const [other, view] of views) {
      if (other.startsWith('page:') && other !== key) {
        view.dispose();
        view.element.remove();
        views.delete(other);
      }
    }
    let view = views.get(key);
    if (!view) {
      view = buildView(key);
      if (!view) return;
      views.set(key, view);
      content.append(view.element);
      view.refresh?.(route.sub);
    } else {
      view.refresh?.(route.sub);
    }
    for (const [other, candidate] of views) candidate.element.hidden = other !== key;
    renderNav();
    const pageTitle = key.startsWith('page:') ? tree.get(route.pageId)?.title : t(`nav.${route.section}`);
    setTitle(`${pageTitle ?? ''} - ${state.twinSpace.title}`);
  }

  function navItem(section, extra) {
    return h('li', {},
      h('a', {
        href: twinSpaceHash(twinSpaceId, section), class: 'nav-link', testid: `nav-${section}`,
        'aria-current': route.section === section && !(section === 'pages' && route.pageId) ? 'page' : null,
      }, t(`nav.${section}`)),
      extra);
  }

  function renderNav() {
    if (!state.twinSpace) return;
    navTitle.textContent = state.twinSpace.title;
    replaceChildren(navList, NAV_SECTIONS.filter(mayOpen).map((section) => section === 'pages'
      ? navItem(section, renderPageMenu(tree, { twinSpaceId, currentPageId: route.pageId, onError: showNavError }))
      : navItem(section)));
  }

  function renderBanner() {
    replaceChildren(banner, state.twinSpace?.state === 'archived'
      ? h('p', { class: 'message warning banner', role: 'status', testid: 'readonly-banner' }, t('twinspace.archivedBanner'))
      : null);
  }

  function refreshAll() {
    renderBanner();
    renderNav();
    const current = viewKey();
    for (const [key, view] of views) if (key !== current) view.refresh?.(route.sub);
    showView();
  }

  async function join() {
    try {
      const snapshot = await hub.joinTwinSpace(twinSpaceId);
      if (disposed) {
        hub.leaveTwinSpace(twinSpaceId).catch(() => {});
        return;
      }
      joined = true;
      const first = !state.twinSpace;
      state.twinSpace = snapshot.twinSpace;
      state.members = new Map(snapshot.members.map((member) => [member.accountId, member]));
      status.hidden = true;
      if (first) tree.load();
      refreshAll();
      membersChanged();
    } catch (error) {
      if (!disposed) showError(error);
    }
  }

  function membersChanged() {
    for (const listener of [...memberListeners]) listener();
  }

  function applyMember(member) {
    state.members.set(member.accountId, member);
    if (member.accountId === account.id && state.twinSpace && member.role !== state.twinSpace.myRole) {
      state.twinSpace = { ...state.twinSpace, myRole: member.role };
      refreshAll();
    }
    membersChanged();
  }

  // TwinSpaceChanged carries an empty myRole: keep ours.
  function applyTwinSpace(twinSpace) {
    if (twinSpace.state === 'closed') {
      onRevoked(t('twinspace.closedNotice'));
      return;
    }
    state.twinSpace = { ...state.twinSpace, ...twinSpace, myRole: state.twinSpace?.myRole ?? twinSpace.myRole };
    refreshAll();
  }

  const forThisTwinSpace = (handler) => (payload) => {
    const id = payload?.twinSpaceId ?? payload?.id;
    if (!disposed && state.twinSpace && id === twinSpaceId) handler(payload);
  };

  const unsubscribers = [
    hub.on('PresenceChanged', forThisTwinSpace((presence) => {
      const member = state.members.get(presence.accountId);
      if (!member) return;
      state.members.set(presence.accountId, { ...member, online: presence.online });
      membersChanged();
    })),
    hub.on('MemberChanged', forThisTwinSpace(({ change, member }) => {
      // AccessRevoked says the same, but only to this account; the group event is the one every member gets.
      if (change === 'removed' && member.accountId === account.id) {
        onRevoked(t('twinspace.removedNotice'));
      } else if (change === 'removed') {
        state.members.delete(member.accountId);
        membersChanged();
      } else {
        applyMember(member);
      }
    })),
    hub.on('TwinSpaceChanged', forThisTwinSpace(applyTwinSpace)),
    // Shown on whatever view is open: the server sends it once, from LiveEvents:ReminderMinutesBefore the start.
    hub.on('LiveEventReminder', forThisTwinSpace(({ event, minutesToStart }) => {
      const close = h('button', { type: 'button', class: 'link-button', testid: 'live-reminder-close', onclick: () => replaceChildren(reminder) }, t('common.close'));
      replaceChildren(reminder, h('p', { class: 'message info banner', role: 'status', testid: 'live-reminder' },
        t('liveEvents.reminder', { title: event.title, count: minutesToStart }), ' ',
        h('a', { href: twinSpaceHash(twinSpaceId, 'events', undefined, event.id), testid: 'live-reminder-link' }, t('liveEvents.open')), ' ', close));
    })),
    hub.on('AccessRevoked', forThisTwinSpace(({ reason }) => onRevoked(reason || t('twinspace.revokedNotice')))),
    // Group membership is lost on reconnect, and events may have been missed: join again for a fresh snapshot.
    hub.onReconnected(join),
  ];

  const canLeave = () => [...views.values()].every((view) => !view.canLeave || view.canLeave());

  join();
  return {
    element,
    canLeave,
    hasUnsavedWork: () => [...views.values()].some((view) => view.hasUnsavedWork?.()),
    /** Shows the view of a parsed route of this TwinSpace. */
    showRoute(next) {
      route = next;
      setMenuOpen(false);
      showView();
    },
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const view of views.values()) view.dispose();
      tree.dispose();
      if (joined) hub.leaveTwinSpace(twinSpaceId).catch(() => {});
    },
  };
}
