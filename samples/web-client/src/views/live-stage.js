// The stage of a running live event: the presenters' pictures, through the media server the rooms use (room-sfu.js).
// Everyone inside watches the presenters' feeds; hosts, co-hosts and presenters may also present their camera and
// microphone. Watching and presenting are two SFU clients, so presenting never renegotiates what one watches.
import { h, replaceChildren, withBusy } from '../dom.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import * as media from '../live-media-api.js';
import { createSfu } from '../room-sfu.js';
import { getIceServers } from '../rooms-api.js';

// How often decoded frames are read from the connections (what the video elements' data-frames-decoded shows).
const STATS_INTERVAL_MS = 1000;

/**
 * `onRefused` is told when the server refuses this reader the stage (`forbidden`: a guest of a public event, while the
 * stage is not open to guests); the stage then stays hidden, without an error.
 * @param {{ twinSpaceId: string, eventId: string, account: { id: string }, attempt: (action: () => Promise<unknown>) => Promise<unknown>,
 *           onRefused?: () => void }} options
 */
export function createLiveStage({ twinSpaceId, eventId, account, attempt, onRefused = () => {} }) {
  const hint = h('p', { class: 'hint', testid: 'live-stage-hint' });
  const presentHolder = h('div', { class: 'actions' });
  const screens = h('div', { class: 'video-grid', testid: 'live-stage-videos' });
  const element = h('section', { class: 'card stack', hidden: true, testid: 'live-stage', 'aria-labelledby': 'live-stage-heading' },
    h('h2', { id: 'live-stage-heading' }, t('liveStage.heading')), hint, presentHolder, screens);
  /** @type {Map<string, HTMLVideoElement>} */
  const videos = new Map();
  let mode = { on: false, canPresent: false, presenterIds: [] };
  let watcher = null;
  let presenter = null;
  let localStream = null;
  let opening = null;
  let generation = 0;
  let iceServers = null;
  let refused = false;

  const common = (stream) => ({
    myId: account.id, iceServers, localStream: stream,
    subscribe: (feed) => media.subscribeMedia(twinSpaceId, eventId, feed),
    signal: (feed, kind, payload) => media.sendMediaSignal(twinSpaceId, eventId, feed, kind, payload),
    onError: (error) => attempt(() => Promise.reject(error)),
  });

  function video(accountId, stream, muted) {
    let node = videos.get(accountId);
    if (!node) {
      node = h('video', { autoplay: true, playsinline: true, testid: muted ? 'live-stage-preview' : 'live-stage-video', 'data-account-id': accountId });
      node.muted = muted;
      videos.set(accountId, node);
      screens.append(node);
    }
    if (node.srcObject !== stream) node.srcObject = stream;
  }

  function removeVideo(accountId) {
    videos.get(accountId)?.remove();
    videos.delete(accountId);
  }

  async function open() {
    const mine = ++generation;
    let view;
    try {
      view = await media.getMedia(twinSpaceId, eventId);
    } catch (error) {
      if (error?.code !== 'forbidden') throw error;
      refused = true;
      element.hidden = true;
      onRefused();
      return;
    }
    // The media server's addresses come with the TwinSpace's rooms; a guest refused them still reaches a media
    // server on an open address (no TURN relay).
    const ice = await getIceServers(twinSpaceId).catch((error) => (error?.code === 'forbidden' ? { iceServers: [] } : Promise.reject(error)));
    if (mine !== generation) return;
    iceServers = ice.iceServers;
    if (!view.available) {
      hint.textContent = t('liveStage.noMedia');
      return;
    }
    hint.textContent = view.publishers.length === 0 ? t('liveStage.waiting') : '';
    watcher = createSfu({
      ...common(new MediaStream()),
      publish: () => Promise.reject(new Error('watching only')),
      onStream: (id, stream) => { hint.textContent = ''; video(id, stream, false); },
      onClosed: removeVideo,
    });
    watcher.sync(mode.presenterIds);
    await watcher.start(view.publishers);
    renderPresent();
  }

  function renderPresent() {
    if (!mode.canPresent || !watcher) {
      replaceChildren(presentHolder);
      return;
    }
    const label = presenter ? t('liveStage.stop') : t('liveStage.present');
    const node = h('button', { type: 'button', testid: presenter ? 'live-stage-stop' : 'live-stage-present', class: presenter ? '' : 'primary' }, label);
    node.addEventListener('click', () => withBusy(node, label, () => attempt(async () => {
      if (presenter) stopPresenting();
      else await startPresenting();
      renderPresent();
    })));
    replaceChildren(presentHolder, node);
  }

  async function startPresenting() {
    localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    presenter = createSfu({
      ...common(localStream),
      publish: (offer) => media.publishMedia(twinSpaceId, eventId, offer),
      onStream: () => {},
      onClosed: () => {},
    });
    video(account.id, localStream, true);
    await presenter.start([]);
  }

  function stopPresenting() {
    presenter?.close();
    presenter = null;
    for (const track of localStream?.getTracks() ?? []) track.stop();
    localStream = null;
    removeVideo(account.id);
  }

  function close() {
    generation++;
    stopPresenting();
    watcher?.close();
    watcher = null;
    for (const id of [...videos.keys()]) removeVideo(id);
    replaceChildren(presentHolder);
    hint.textContent = '';
  }

  const statsTimer = setInterval(async () => {
    if (!watcher) return;
    for (const [id, node] of videos) {
      if (id === account.id) continue;
      node.dataset.framesDecoded = String(await watcher.framesDecoded(id).catch(() => 0));
    }
  }, STATS_INTERVAL_MS);

  const unsubscribe = hub.on('LiveMediaPublished', (published) => {
    if (published?.twinSpaceId === twinSpaceId && published?.eventId === eventId) watcher?.published(published.accountId);
  });

  return {
    element,
    /**
     * @param {{ on: boolean, canPresent: boolean, presenterIds: string[] }} next on: the reader is inside the running event.
     */
    setMode(next) {
      const was = mode.on;
      mode = next;
      element.hidden = !next.on || refused;
      if (!next.on) {
        if (was) close();
        return;
      }
      if (!was) opening = attempt(open);
      watcher?.sync(next.presenterIds);
      if (!next.canPresent && presenter) stopPresenting();
      renderPresent();
    },
    dispose() {
      clearInterval(statsTimer);
      unsubscribe();
      close();
      return opening;
    },
  };
}
