// Entry point: hash routes (#/login, #/twinspaces, #/twinspaces/<id>), session and connection lifecycle.
import './styles.css';
import { claimStoredSession, endSession, getSession, logout, onSessionChange } from './api.js';
import { messageOf } from './errors.js';
import * as hub from './hub.js';
import { renderLogin } from './views/login.js';
import { renderShell } from './views/shell.js';
import { renderTwinSpaceHome } from './views/twinspace-home.js';
import { renderTwinSpaces } from './views/twinspaces.js';

const SESSION_END_NOTICES = {
  expired: 'Your session has ended. Please log in again.',
  revoked: 'You no longer have access. Please log in again or ask your teacher.',
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
let pendingNotice = '';
let returnTo = '';
let sessionEndNotice = '';
// After a session ends, the login page opens on the tab of whoever was logged in (pupils cannot read well yet).
let lastAccountKind = getSession()?.account.kind ?? '';
let inviteToken = new URLSearchParams(location.search).get('invite');
const pupilCode = new URLSearchParams(location.search).get('code') ?? '';

function show(view, title) {
  currentView?.dispose();
  currentView = view;
  shell.main.replaceChildren(view.element);
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

function route() {
  const session = getSession();
  shell.setAccount(session?.account);
  if (!session) {
    // Someone who opened a TwinSpace link while logged out gets there after logging in.
    if (location.hash.startsWith('#/twinspaces/')) returnTo = location.hash;
    if (location.hash !== '#/login') history.replaceState(null, '', `${location.pathname}${location.search}#/login`);
    show(renderLogin({
      initialTab: (pupilCode || lastAccountKind === 'pupil') && !inviteToken ? 'pupil' : 'teacher',
      pupilCode,
      notice: takeNotice() || (inviteToken ? 'Log in as a teacher to accept the invitation.' : ''),
      onLoggedIn,
    }), 'Log in');
    return;
  }
  const { account } = session;
  const match = /^#\/twinspaces\/([^/]+)$/.exec(location.hash);
  // A pupil token only opens the pupil's one TwinSpace, so pupils always land there.
  if (account.kind === 'pupil') {
    if (!match || decodeURIComponent(match[1]) !== account.twinSpaceId) {
      history.replaceState(null, '', `${location.pathname}${location.search}#/twinspaces/${encodeURIComponent(account.twinSpaceId)}`);
    }
    showHome(account, account.twinSpaceId);
    return;
  }
  if (match) {
    showHome(account, decodeURIComponent(match[1]));
    return;
  }
  if (location.hash !== '#/twinspaces') history.replaceState(null, '', `${location.pathname}${location.search}#/twinspaces`);
  show(renderTwinSpaces({ account, notice: takeNotice(), navigate }), 'My TwinSpaces');
}

function showHome(account, twinSpaceId) {
  takeNotice();
  show(renderTwinSpaceHome({
    twinSpaceId,
    account,
    navigate,
    onRevoked: (message) => {
      // A pupil has nowhere else to go: their login belongs to this one TwinSpace.
      if (account.kind === 'pupil') {
        sessionEndNotice = `${message} Ask your teacher if you need help.`;
        endSession('revoked');
      } else {
        navigate('#/twinspaces', message);
      }
    },
  }), 'TwinSpace');
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
    navigate(location.hash || '#/twinspaces', 'Invitation links are for teachers only.');
    return;
  }
  try {
    const twinSpace = await hub.acceptInvitation(token);
    navigate(`#/twinspaces/${encodeURIComponent(twinSpace.id)}`);
  } catch (error) {
    navigate('#/twinspaces', `The invitation could not be accepted: ${messageOf(error)}`);
  }
}

onSessionChange((session, reason) => {
  if (session) {
    lastAccountKind = session.account.kind;
    return; // Logins and refreshes: the page itself decides where to go next.
  }
  hub.disconnect();
  navigate('#/login', sessionEndNotice || (SESSION_END_NOTICES[reason] ?? ''));
  sessionEndNotice = '';
});

window.addEventListener('hashchange', route);

async function start() {
  if (await claimStoredSession()) {
    pendingNotice = 'You are logged in in another tab. To use this tab as well, log in here again.';
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
