// One room: its members, its live session (video tiles, lobby, hands, moderator menu, timer) and its chat, forum
// and files, which are the TwinSpace's own panels scoped to the room. The server decides every rule (docs/protocol.md,
// Rooms); this view shows the state it sends (RoomSessionChanged, highest version wins) and carries the WebRTC
// signalling: browser to browser in a mesh (room-mesh.js), or through the media server when the server says the
// session is an SFU one (room-sfu.js). The tiles are the same either way.
import { downloadFile } from '../api.js';
import { h, replaceChildren, withBusy } from '../dom.js';
import { errorLine } from '../error-line.js';
import * as hub from '../hub.js';
import { formatDateTime, t } from '../i18n.js';
import { createMesh } from '../room-mesh.js';
import { createBreakoutPanel, peersOf } from './room-breakouts.js';
import { createSfu } from '../room-sfu.js';
import * as rooms from '../rooms-api.js';
import { roleLabel } from '../roles.js';
import { twinSpaceHash } from '../routes.js';
import { renderChatPanel } from './chat.js';
import { renderForumPanel } from './forums.js';
import { materialsPanel } from './materials.js';

// How often tiles check whether a participant's picture arrives (getStats), and the session timer ticks.
const STATS_INTERVAL_MS = 1_000;
const MODERATION_ACTIONS = ['askToUnmute', 'mute', 'stopVideo', 'allowScreenShare', 'disallowScreenShare', 'remove'];

/** @param {{ ctx: object, roomId: string, mayHost: () => boolean }} options */
export function renderRoom({ ctx, roomId, mayHost }) {
  const { twinSpaceId, account } = ctx;
  const state = { room: null, session: null, phase: null, where: 'outside', lobbyWaitingForTeacher: false, audioOn: true, videoOn: true, screenOn: false };
  let disposed = false;
  let localStream = null;
  /** The shared screen's video track while it goes out in place of the camera. */
  let screenTrack = null;
  /** The mesh or the SFU connections, whichever the session uses (same interface). */
  let media = null;
  let pendingSignals = [];
  let pendingFeeds = [];
  const remoteStreams = new Map();
  const panels = [];

  const errors = errorLine('room-error', { isDisposed: () => disposed });
  const { attempt } = errors;
  const notice = h('p', { class: 'message', role: 'status', testid: 'room-notice', hidden: true });
  const heading = h('h1', { id: 'room-heading', testid: 'room-heading' });
  const description = h('p', { class: 'hint' });
  const memberList = h('ul', { class: 'room-members', testid: 'room-members' });
  const sessionStatus = h('p', { class: 'meta', testid: 'session-status' });
  const sessionTimer = h('p', { class: 'meta', testid: 'session-timer' });
  const sessionActions = h('div', { class: 'actions' });
  const timerMinutes = h('input', { type: 'number', min: '1', testid: 'session-timer-minutes', 'aria-label': t('room.timer.minutes') });
  const timerControls = h('div', { class: 'actions', testid: 'session-timer-controls' });
  const lobby = h('div', { class: 'stack', testid: 'room-lobby' });
  const hands = h('div', { testid: 'room-hands' });
  const grid = h('ul', { class: 'video-grid', testid: 'video-grid', 'aria-label': t('room.videos') });
  const breakoutPanel = createBreakoutPanel({ twinSpaceId, roomId, myId: account.id, button: (...args) => button(...args) });
  const features = h('div', { class: 'stack' });
  const element = h('div', { class: 'stack room', testid: 'room-view' },
    h('section', { class: 'card stack', 'aria-labelledby': 'room-heading' },
      h('a', { href: twinSpaceHash(twinSpaceId, 'rooms'), testid: 'room-back' }, t('room.back')),
      heading, description, errors.element, h('h2', {}, t('rooms.members')), memberList),
    h('section', { class: 'card stack', 'aria-labelledby': 'session-heading', testid: 'room-session' },
      h('h2', { id: 'session-heading' }, t('room.session')), notice, sessionStatus, sessionTimer, sessionActions, timerControls, breakoutPanel.element, lobby, hands, grid),
    features);

  function say(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }

  const me = () => state.session?.participants.find((p) => p.accountId === account.id);
  const amModerator = () => Boolean(me()?.isModerator);
  // The screen replaces the camera's outgoing track, so sharing needs a camera track to replace (and a browser that can).
  const mayShareScreen = () => Boolean(me()?.canShareScreen && localStream?.getVideoTracks().length && navigator.mediaDevices?.getDisplayMedia);

  // ---- Room ----
  function renderRoomInfo() {
    const room = state.room;
    heading.textContent = room.title;
    description.textContent = room.description;
    const manage = mayHost() && !room.isArchived;
    const others = ctx.members().filter((m) => !room.members.some((rm) => rm.accountId === m.accountId));
    replaceChildren(memberList, room.members.map((member) => h('li', { testid: 'room-member' },
      `${member.displayName} (${roleLabel(member.role)})`,
      manage && member.accountId !== account.id ? [' ', h('button', {
        type: 'button', class: 'link-button', testid: 'room-member-remove',
        onclick: () => attempt(async () => applyRoom(await rooms.removeMember(twinSpaceId, roomId, member.accountId))),
      }, t('common.remove'))] : null)),
    manage && others.length ? h('li', {}, addMemberControl(others)) : null);
  }

  function addMemberControl(others) {
    const select = h('select', { testid: 'room-add-select', 'aria-label': t('room.addMember') },
      others.map((m) => h('option', { value: m.accountId }, `${m.displayName} (${roleLabel(m.role)})`)));
    const add = h('button', { type: 'button', testid: 'room-add-member' }, t('common.add'));
    add.addEventListener('click', () => withBusy(add, t('common.adding'), () =>
      attempt(async () => applyRoom(await rooms.addMembers(twinSpaceId, roomId, [select.value])))));
    return h('span', { class: 'row' }, select, add);
  }

  function applyRoom(room) {
    if (!room) return;
    const first = !state.room;
    state.room = room;
    renderRoomInfo();
    if (first) buildFeatures();
  }

  // The room's chat, forum and files: the TwinSpace's own panels, scoped.
  function buildFeatures() {
    const room = state.room;
    const chat = renderChatPanel({
      twinSpaceId, account, role: ctx.myRole(), members: ctx.members, channelId: room.chatChannelId,
      headingId: 'room-chat-heading', headingLevel: 'h2',
    });
    const forum = renderForumPanel({
      twinSpaceId, account, getTwinSpace: () => ctx.state.twinSpace, roomId, headingId: 'room-forum-heading', headingLevel: 'h2',
    });
    const files = materialsPanel({ twinSpaceId, account, collectionId: room.materialCollectionId, headingId: 'room-files-heading', headingLevel: 'h2' });
    files.update(ctx.state.twinSpace);
    forum.refresh?.();
    panels.push(chat, forum, files);
    replaceChildren(features, chat.element, forum.element, files.element);
  }

  // ---- Session ----
  function renderSession() {
    const session = state.session;
    const live = session && session.phase !== 'ended';
    if (!live) {
      sessionStatus.textContent = t('room.noSession');
    } else if (state.where === 'lobby') {
      sessionStatus.textContent = state.lobbyWaitingForTeacher ? t('room.waitingForTeacher') : t('room.waitingToBeLetIn');
    } else if (session.phase === 'waitingForTeacher') {
      sessionStatus.textContent = t('room.sessionWaitingForTeacher');
    } else {
      sessionStatus.textContent = session.locked ? t('room.sessionLiveLocked') : t('room.sessionLive');
    }
    renderTimer();
    const buttons = [];
    if (!live && mayHost() && !state.room?.isArchived) {
      buttons.push(button('session-start', t('room.start'), async () => {
        await rooms.startSession(twinSpaceId, roomId);
        await join();
      }));
    }
    if (live && state.where === 'outside') buttons.push(button('session-join', t('room.join'), join));
    if (state.where === 'inside') {
      buttons.push(button('session-mic', state.audioOn ? t('room.micOff') : t('room.micOn'), () => setMedia(!state.audioOn, state.videoOn), state.audioOn));
      buttons.push(button('session-camera', state.videoOn ? t('room.cameraOff') : t('room.cameraOn'), () => setMedia(state.audioOn, !state.videoOn), state.videoOn));
      const raised = session.raisedHands.includes(account.id);
      if (state.screenOn || mayShareScreen()) {
        buttons.push(button('session-screen', state.screenOn ? t('room.stopSharing') : t('room.shareScreen'),
          () => (state.screenOn ? stopSharing() : shareScreen()), state.screenOn));
      }
      buttons.push(button('session-hand', raised ? t('room.lowerHand') : t('room.raiseHand'),
        () => (raised ? rooms.lowerHand(twinSpaceId, roomId) : rooms.raiseHand(twinSpaceId, roomId)), raised));
      if (amModerator()) {
        buttons.push(button('session-lock', session.locked ? t('room.unlock') : t('room.lock'), () => rooms.lockSession(twinSpaceId, roomId, !session.locked)));
        buttons.push(button('session-end', t('room.end'), () => rooms.endSession(twinSpaceId, roomId)));
      }
    }
    if (state.where !== 'outside') buttons.push(button('session-leave', t('room.leave'), leave));
    // The attendance of the running or last session (join, leave, minutes), for the teachers who run sessions.
    if (mayHost() && session?.sessionId) {
      const file = `attendance-${session.sessionId}.csv`;
      buttons.push(button('session-attendance', t('room.attendance'), () => downloadFile(
        `api/twinspaces/${encodeURIComponent(twinSpaceId)}/rooms/${encodeURIComponent(roomId)}/sessions/${encodeURIComponent(session.sessionId)}/attendance.csv`, file)));
    }
    replaceChildren(sessionActions, buttons);
    renderTimerControls();
    breakoutPanel.render(session, { inside: state.where === 'inside', moderator: amModerator() });
    renderLobby();
    renderHands();
    renderTiles();
  }

  function button(testid, text, action, pressed) {
    const node = h('button', { type: 'button', testid, 'aria-pressed': pressed === undefined ? null : String(pressed) }, text);
    node.addEventListener('click', () => withBusy(node, text, () => attempt(action)));
    return node;
  }

  function renderTimer() {
    const session = state.session;
    if (!session || session.phase === 'ended') {
      sessionTimer.textContent = '';
      return;
    }
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(session.startedAt).getTime()) / 60_000));
    sessionTimer.textContent = [t('room.elapsed', { count: minutes }),
      session.endsAt ? t('room.endsAt', { time: formatDateTime(session.endsAt) }) : null].filter(Boolean).join(' · ');
  }

  // Moderators set when the session ends (minutes from now) or take the end away; the server keeps the time.
  function renderTimerControls() {
    if (state.where !== 'inside' || !amModerator() || !state.session || state.session.phase === 'ended') {
      replaceChildren(timerControls);
      return;
    }
    replaceChildren(timerControls, timerMinutes,
      button('session-timer-set', t('room.timer.set'), async () => {
        await rooms.setSessionTimer(twinSpaceId, roomId, Number(timerMinutes.value));
        timerMinutes.value = '';
      }),
      state.session.endsAt ? button('session-timer-clear', t('room.timer.clear'), () => rooms.setSessionTimer(twinSpaceId, roomId, null)) : null);
  }

  function renderLobby() {
    const waiting = state.where === 'inside' && amModerator() ? state.session.lobby : [];
    replaceChildren(lobby, waiting.length ? [h('h3', {}, t('room.lobby')), h('ul', {}, waiting.map((entry) => h('li', { testid: 'lobby-entry', dataset: { accountId: entry.accountId } },
      `${entry.displayName} (${roleLabel(entry.role)}) `,
      button('lobby-admit', t('room.admit'), () => rooms.admit(twinSpaceId, roomId, entry.accountId)),
      ' ', button('lobby-deny', t('room.deny'), () => rooms.deny(twinSpaceId, roomId, entry.accountId)))))] : null);
  }

  function renderHands() {
    const raised = state.where === 'inside' ? state.session.raisedHands : [];
    const name = (id) => state.session.participants.find((p) => p.accountId === id)?.displayName ?? id;
    replaceChildren(hands, raised.length ? [h('h3', {}, t('room.hands')), h('ol', {}, raised.map((id) => h('li', { testid: 'raised-hand' }, name(id),
      amModerator() && id !== account.id ? [' ', button('hand-lower', t('room.lowerHand'), () => rooms.lowerHand(twinSpaceId, roomId, id))] : null)))] : null);
  }

  // Tiles are kept across renders: a <video> that is re-created would flash and restart.
  const tiles = new Map();
  function renderTiles() {
    const peers = new Set(peersOf(state.session, account.id));
    const participants = state.where === 'inside' ? state.session.participants.filter((p) => peers.has(p.accountId)) : [];
    for (const [id, tile] of tiles) {
      if (!participants.some((p) => p.accountId === id)) {
        tile.element.remove();
        tiles.delete(id);
      }
    }
    for (const participant of participants) {
      let tile = tiles.get(participant.accountId);
      if (!tile) {
        tile = createTile(participant.accountId);
        tiles.set(participant.accountId, tile);
      }
      tile.update(participant);
      grid.append(tile.element);
    }
  }

  function createTile(accountId) {
    const own = accountId === account.id;
    const video = h('video', { autoplay: true, playsInline: true, muted: own, class: own ? 'mirrored' : '', testid: own ? 'own-preview' : 'remote-video' });
    video.dataset.accountId = accountId;
    const label = h('p', { class: 'tile-name' });
    const status = h('p', { class: 'tile-status meta', testid: 'tile-status' });
    const menu = h('div');
    const element = h('li', { class: 'video-tile', testid: 'video-tile', dataset: { accountId } }, video, label, status, menu);
    if (own && localStream) video.srcObject = localStream;
    else if (remoteStreams.has(accountId)) video.srcObject = remoteStreams.get(accountId);
    return {
      element, video,
      update(participant) {
        const marks = [participant.screenOn ? t('room.sharingScreen') : null,
          participant.audioOn ? null : t('room.micIsOff'), participant.videoOn ? null : t('room.cameraIsOff'),
          state.session.raisedHands.includes(accountId) ? t('room.handRaised') : null].filter(Boolean);
        label.textContent = own ? t('room.you', { name: participant.displayName }) : participant.displayName;
        status.textContent = marks.join(' · ');
        replaceChildren(menu, !own && amModerator() ? moderatorMenu(participant) : null);
      },
    };
  }

  function moderatorMenu(participant) {
    return h('details', { class: 'tile-menu', testid: 'moderator-menu' },
      h('summary', {}, t('room.moderate', { name: participant.displayName })),
      h('div', { class: 'stack' }, MODERATION_ACTIONS
        .filter((action) => !(action === 'allowScreenShare' && participant.canShareScreen) && !(action === 'disallowScreenShare' && !participant.canShareScreen))
        .map((action) => button(`moderate-${action}`, t(`room.moderation.${action}`), () => rooms.moderate(twinSpaceId, roomId, participant.accountId, action)))));
  }

  // Remote frames arrive some time after a tile appears: until then the tile says it is connecting. The count is
  // also on the element (data-frames-decoded), where a test can read that pictures arrive.
  const statsTimer = setInterval(async () => {
    renderTimer();
    if (!media) return;
    for (const [id, tile] of tiles) {
      if (id === account.id) continue;
      const frames = await media.framesDecoded(id).catch(() => 0);
      tile.video.dataset.framesDecoded = String(frames);
      tile.element.classList.toggle('connecting', frames === 0);
    }
  }, STATS_INTERVAL_MS);

  function applySession(session) {
    if (!session || session.roomId !== roomId) return;
    if (state.session && state.session.sessionId === session.sessionId && state.session.version > session.version) return;
    state.session = session;
    if (state.where === 'inside' && !session.participants.some((p) => p.accountId === account.id)) {
      stopMedia();
      state.where = 'outside';
    }
    if (screenTrack && !me()?.canShareScreen) attempt(() => stopSharing({ tell: false }));
    // While breakout groups are open the server relays signals only within a group, so media connects only my group.
    media?.sync(peersOf(session, account.id), session.participants.map((p) => p.accountId));
    renderSession();
  }

  async function join() {
    const result = await rooms.joinSession(twinSpaceId, roomId);
    if (disposed) return;
    if (!result.admitted) {
      state.where = 'lobby';
      state.lobbyWaitingForTeacher = result.waitingForTeacher;
      say('');
      renderSession();
      return;
    }
    await enter(result.session);
  }

  async function enter(session) {
    state.where = 'inside';
    say('');
    localStream = await getMedia();
    if (disposed) return;
    state.audioOn = localStream.getAudioTracks().length > 0;
    state.videoOn = localStream.getVideoTracks().length > 0;
    const [{ iceServers }, { mode, publishers }] = await Promise.all([rooms.getIceServers(twinSpaceId), rooms.getRoomMedia(twinSpaceId, roomId)]);
    if (disposed || state.where !== 'inside') return;
    const common = {
      myId: account.id, iceServers, localStream,
      onStream: (id, stream) => {
        remoteStreams.set(id, stream);
        const tile = tiles.get(id);
        if (tile && tile.video.srcObject !== stream) tile.video.srcObject = stream;
      },
      onClosed: (id) => remoteStreams.delete(id),
      onError: errors.show,
    };
    media = mode === 'sfu'
      ? createSfu({
        ...common,
        publish: (offer) => rooms.publishMedia(twinSpaceId, roomId, offer),
        subscribe: (feed) => rooms.subscribeMedia(twinSpaceId, roomId, feed),
        signal: (feed, kind, payload) => rooms.sendMediaSignal(twinSpaceId, roomId, feed, kind, payload),
      })
      : createMesh({ ...common, send: (to, kind, payload) => rooms.sendSignal(twinSpaceId, roomId, to, kind, payload) });
    grid.dataset.mediaMode = mode;
    for (const signal of pendingSignals.splice(0)) media.receive(signal);
    applySession(session);
    await rooms.setMediaState(twinSpaceId, roomId, state.audioOn, state.videoOn, false);
    if (mode === 'sfu') await media.start([...publishers, ...pendingFeeds.splice(0)]);
  }

  // Without a camera or microphone (or permission) the participant still joins, to see and hear the others.
  async function getMedia() {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch {
      say(t('room.noCamera'));
      return new MediaStream();
    }
  }

  async function setMedia(audioOn, videoOn) {
    for (const track of localStream?.getAudioTracks() ?? []) track.enabled = audioOn;
    for (const track of localStream?.getVideoTracks() ?? []) track.enabled = videoOn;
    state.audioOn = audioOn && Boolean(localStream?.getAudioTracks().length);
    state.videoOn = videoOn && Boolean(localStream?.getVideoTracks().length);
    await rooms.setMediaState(twinSpaceId, roomId, state.audioOn, state.videoOn, state.screenOn);
    renderSession();
  }

  // The browser asks which screen or window to share; cancelling that is not an error.
  async function shareScreen() {
    let display;
    try {
      display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      if (error?.name !== 'NotAllowedError' && error?.name !== 'AbortError') say(t('room.screenShareFailed'));
      return;
    }
    const [track] = display.getVideoTracks();
    // A shared screen is mostly text and drawings: keep it sharp and drop frames when the machine or the network is
    // short (the browser would otherwise shrink the picture, and a slide's small print with it).
    if (track) track.contentHint = 'detail';
    if (disposed || state.where !== 'inside' || !media || !track) {
      for (const each of display.getTracks()) each.stop();
      return;
    }
    screenTrack = track;
    // The browser's own "stop sharing" ends the track: the camera goes out again.
    track.addEventListener('ended', () => { if (screenTrack === track) attempt(stopSharing); });
    await media.replaceVideoTrack(track);
    state.screenOn = true;
    showOwnPreview();
    renderSession();
    try {
      await rooms.setMediaState(twinSpaceId, roomId, state.audioOn, state.videoOn, true);
    } catch (error) {
      await stopSharing({ tell: false });
      throw error;
    }
  }

  async function stopSharing({ tell = true } = {}) {
    const track = screenTrack;
    if (!track) return;
    screenTrack = null;
    state.screenOn = false;
    track.stop();
    showOwnPreview();
    renderSession();
    await media?.replaceVideoTrack(null);
    if (tell && state.where === 'inside') await rooms.setMediaState(twinSpaceId, roomId, state.audioOn, state.videoOn, false);
  }

  // My tile shows what the others see: the shared screen as it is, or my camera mirrored.
  function showOwnPreview() {
    const tile = tiles.get(account.id);
    if (!tile) return;
    tile.video.srcObject = screenTrack ? new MediaStream([screenTrack]) : localStream;
    tile.video.classList.toggle('mirrored', !screenTrack);
  }

  function stopMedia() {
    screenTrack?.stop();
    screenTrack = null;
    state.screenOn = false;
    media?.close();
    media = null;
    pendingSignals = [];
    pendingFeeds = [];
    remoteStreams.clear();
    for (const track of localStream?.getTracks() ?? []) track.stop();
    localStream = null;
  }

  async function leave() {
    const was = state.where;
    stopMedia();
    state.where = 'outside';
    renderSession();
    if (was !== 'outside') await rooms.leaveSession(twinSpaceId, roomId);
  }

  const ours = (handler) => (payload) => {
    const session = payload?.session ?? payload;
    if (!disposed && session?.twinSpaceId === twinSpaceId && session?.roomId === roomId) handler(payload);
  };

  const NOTICES = {
    admitted: () => attempt(join),
    denied: () => { state.where = 'outside'; say(t('room.denied')); renderSession(); },
    removed: () => { stopMedia(); state.where = 'outside'; say(t('room.removed')); renderSession(); },
    muted: () => { say(t('room.mutedByTeacher')); return attempt(() => setMedia(false, state.videoOn)); },
    videoStopped: () => { say(t('room.videoStoppedByTeacher')); return attempt(() => setMedia(state.audioOn, false)); },
    askedToUnmute: () => say(t('room.askedToUnmute')),
    screenShareStopped: () => { say(t('room.screenShareStopped')); return attempt(() => stopSharing({ tell: false })); },
  };

  const unsubscribers = [
    hub.on('RoomSessionChanged', ours(({ session }) => applySession(session))),
    hub.on('RoomBreakoutMessage', ours((message) => say(t('room.breakouts.received', { name: message.fromDisplayName, text: message.text })))),
    hub.on('RoomSessionStatus', ours((status) => {
      if (status.phase === 'ended') {
        stopMedia();
        state.where = 'outside';
        state.session = null;
        say(t('room.sessionEnded'));
      } else if (!state.session || state.session.sessionId !== status.sessionId) {
        state.session = { ...status, locked: false, participants: [], raisedHands: [], lobby: [], version: -1, startedAt: new Date().toISOString() };
      } else {
        state.session = { ...state.session, phase: status.phase };
      }
      if (state.where === 'lobby' && status.phase === 'live') state.lobbyWaitingForTeacher = false;
      renderSession();
    })),
    hub.on('RoomSessionNotice', ours((event) => NOTICES[event.notice]?.())),
    hub.on('RtcSignal', ours((signal) => {
      if (media) media.receive(signal);
      else if (state.where === 'inside') pendingSignals.push(signal);
    })),
    hub.on('RoomMediaPublished', ours((feed) => {
      if (media) media.published?.(feed.accountId);
      else if (state.where === 'inside') pendingFeeds.push(feed.accountId);
    })),
    hub.on('RoomChanged', ({ room }) => {
      if (!disposed && room.id === roomId && room.twinSpaceId === twinSpaceId) applyRoom(room);
    }),
    // Groups are lost on reconnect: open the room again; a session we were in has taken us out meanwhile.
    hub.onReconnected(() => {
      stopMedia();
      state.where = 'outside';
      open();
    }),
  ];

  async function open() {
    const details = await attempt(() => rooms.openRoom(twinSpaceId, roomId));
    if (!details || disposed) return;
    applyRoom(details.room);
    state.session = details.session;
    renderSession();
  }

  open();
  return {
    element,
    canLeave: () => true,
    dispose() {
      disposed = true;
      clearInterval(statsTimer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const panel of panels) panel.dispose();
      const was = state.where;
      stopMedia();
      if (was !== 'outside') rooms.leaveSession(twinSpaceId, roomId).catch(() => {});
      rooms.closeRoom(twinSpaceId, roomId).catch(() => {});
    },
  };
}
