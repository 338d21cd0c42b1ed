// Entry point: hash routes (routes.js), session and connection lifecycle, the language switch.
import './styles.css';
import { claimStoredSession, endSession, getSession, logout, onSessionChange } from './api.js';
import { messageOf } from './errors.js';
import * as hub from './hub.js';
import { onLanguageChange, t } from './i18n.js';
import { parseRoute, twinSpaceHash } from './routes.js';
import { renderLogin } from './views/login.js';
import { renderPublicEvent } from './views/public-event.js';
import { renderPublicEvents } from './views/public-events.js';
import { renderPublicPage } from './views/public-page.js';
import { renderShell } from './views/shell.js';
import { renderTwinSpace } from './views/twinspace.js';
import { renderTwinSpaces } from './views/twinspaces.js';

const SESSION_END_NOTICES = {
  expired: 'notice.sessionExpired',
  revoked: 'notice.sessionRevoked',
};

const shell = renderShell({
  onLogout: () => {
    // A view may hold something shown only once (new pupil passwords) and ask before it is thrown away.
    if (currentView?.canLeave && !currentView.canLeave()) return;
    logout();
  },
});
document.body.replaceChildren(shell.root);

let currentView = null;
let currentKey = '';
let pendingNotice = '';
let returnTo = '';
let sessionEndNotice = '';
// Addresses a logged-out reader is brought back to after logging in.
const RETURN_ROUTES = ['twinspace', 'publicEvents', 'publicEvent'];

// After a session ends, the login page opens on the tab of whoever was logged in (pupils cannot read well yet).
let lastAccountKind = getSession()?.account.kind ?? '';
let inviteToken = new URLSearchParams(location.search).get('invite');
const pupilCode = new URLSearchParams(location.search).get('code') ?? '';

/** Shows `view` unless the view of `key` is showing already (then the caller updates that one). */
function show(key, build) {
  if (key && key === currentKey && currentView) return currentView;
  currentView?.dispose();
  currentKey = key;
  currentView = build();
  shell.main.replaceChildren(currentView.element);
  return currentView;
}

function setTitle(title) {
  document.title = title ? `${title} - eTwinning Collab` : 'eTwinning Collab';
}

/** Goes to `hash`, with an optional notice shown on the next page. */
function navigate(hash, notice = '') {
  pendingNotice = notice;
  // pushState fires no hashchange: routing here, at once, keeps two quick navigations (an event and the reply
  // to the same action) from rendering twice and the second render from losing the notice.
  if (location.hash !== hash) history.pushState(null, '', hash);
  route();
}

function takeNotice() {
  const notice = pendingNotice;
  pendingNotice = '';
  return notice;
}

function replaceHash(hash) {
  if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function route() {
  const session = getSession();
  shell.setAccount(session?.account);
  const target = parseRoute(location.hash);
  // Public pages are for everyone, logged in or not.
  if (target.name === 'public') {
    show(`public|${target.twinSpaceId}|${target.pageId}`, () => renderPublicPage({ ...target, setTitle }));
    return;
  }
  if (!session) {
    // Someone who opened a TwinSpace (or public event) link while logged out gets there after logging in.
    if (RETURN_ROUTES.includes(target.name)) returnTo = location.hash;
    replaceHash('#/login');
    show('', () => renderLogin({
      initialTab: (pupilCode || lastAccountKind === 'pupil') && !inviteToken ? 'pupil' : 'teacher',
      pupilCode,
      notice: takeNotice() || (inviteToken ? t('notice.inviteLogin') : ''),
      onLoggedIn,
    }));
    setTitle(t('login.title'));
    return;
  }
  const { account } = session;
  // A pupil token only opens the pupil's one TwinSpace, so pupils always land there.
  if (account.kind === 'pupil' && (target.name !== 'twinspace' || target.twinSpaceId !== account.twinSpaceId)) {
    replaceHash(twinSpaceHash(account.twinSpaceId));
    showTwinSpace(account, parseRoute(location.hash));
    return;
  }
  if (target.name === 'twinspace') {
    showTwinSpace(account, target);
    return;
  }
  if (target.name === 'publicEvents') {
    takeNotice();
    show('publicEvents', () => renderPublicEvents());
    setTitle(t('publicEvents.title'));
    return;
  }
  if (target.name === 'publicEvent') {
    takeNotice();
    show(`publicEvent|${target.twinSpaceId}|${target.eventId}`, () => renderPublicEvent({ ...target, account, navigate, setTitle }));
    return;
  }
  replaceHash('#/twinspaces');
  show('', () => renderTwinSpaces({ account, notice: takeNotice(), navigate }));
  setTitle(t('twinspaces.title'));
}

function showTwinSpace(account, target) {
  takeNotice();
  const view = show(`twinspace|${target.twinSpaceId}`, () => renderTwinSpace({
    twinSpaceId: target.twinSpaceId,
    account,
    navigate,
    setTitle,
    onRevoked: (message) => {
      // A pupil has nowhere else to go: their login belongs to this one TwinSpace.
      if (account.kind === 'pupil') {
        sessionEndNotice = `${message} ${t('notice.askTeacher')}`;
        endSession('revoked');
      } else {
        navigate('#/twinspaces', message);
      }
    },
  }));
  view.showRoute(target);
}

async function onLoggedIn() {
  hub.connect();
  if (inviteToken) {
    await acceptInvite();
    return;
  }
  const target = returnTo || '#/twinspaces';
  returnTo = '';
  navigate(target);
}

// ?invite=TOKEN: a teacher opened an invitation link; accept it once, then drop it from the address.
async function acceptInvite() {
  const token = inviteToken;
  inviteToken = null;
  const url = new URL(location.href);
  url.searchParams.delete('invite');
  history.replaceState(null, '', url);
  if (getSession()?.account.kind !== 'teacher') {
    navigate(location.hash || '#/twinspaces', t('notice.inviteTeachersOnly'));
    return;
  }
  try {
    const twinSpace = await hub.acceptInvitation(token);
    navigate(twinSpaceHash(twinSpace.id));
  } catch (error) {
    navigate('#/twinspaces', t('notice.inviteFailed', { reason: messageOf(error) }));
  }
}

onSessionChange((session, reason) => {
  if (session) {
    lastAccountKind = session.account.kind;
    return; // Logins and refreshes: the page itself decides where to go next.
  }
  hub.disconnect();
  const notice = sessionEndNotice || (SESSION_END_NOTICES[reason] ? t(SESSION_END_NOTICES[reason]) : '');
  sessionEndNotice = '';
  if (parseRoute(location.hash).name === 'public') return;
  navigate('#/login', notice);
});

// Every text is drawn in the chosen language: the view showing is built again (unless it holds something
// that would be lost, such as new pupil passwords; then it keeps its language until it is left).
onLanguageChange(() => {
  if (currentView?.hasUnsavedWork?.()) return;
  currentKey = '';
  route();
});

window.addEventListener('hashchange', route);

async function start() {
  if (await claimStoredSession()) {
    pendingNotice = t('notice.otherTab');
  }
  if (!getSession()) {
    route();
    return;
  }
  hub.connect();
  if (inviteToken) acceptInvite();
  else route();
}

start();
