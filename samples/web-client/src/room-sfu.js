// WebRTC for large sessions, through the media server (an SFU): one connection publishes our camera and microphone,
// and one connection per other participant receives their feed. Every offer and answer goes through the hub
// (PublishRoomMedia, SubscribeRoomMedia, SendRoomMediaSignal); the browser reaches the media server with media and
// ICE only. A feed can be subscribed to once its media reaches the media server: the hub says so with
// RoomMediaPublished (and GetRoomMedia lists the feeds already there when we come in).
import { videoSender } from './room-mesh.js';

/**
 * @param {{ myId: string, iceServers: RTCIceServer[], localStream: MediaStream,
 *           publish: (offer: string) => Promise<string>, subscribe: (feedAccountId: string) => Promise<string>,
 *           signal: (feedAccountId: string, kind: 'answer'|'candidate', payload: string) => Promise<void>,
 *           onStream: (accountId: string, stream: MediaStream) => void, onClosed: (accountId: string) => void,
 *           onError: (error: unknown) => void }} options
 */
export function createSfu({ myId, iceServers, localStream, publish, subscribe, signal, onStream, onClosed, onError }) {
  /** @type {Map<string, { pc: RTCPeerConnection, ready: boolean, candidates: string[] }>} */
  const subscriptions = new Map();
  /** Feeds on the media server, by account id. */
  const published = new Set();
  let participants = [];
  let publisher = null;
  let closed = false;
  // A screen shared before publishing started is published in place of the camera.
  let screenTrack = null;

  // Our candidates wait until the hub has the matching handle (the publish or subscribe call returned), then go in order.
  function connection(feedAccountId) {
    const pc = new RTCPeerConnection({ iceServers });
    const entry = { pc, ready: false, candidates: [] };
    pc.onicecandidate = (event) => {
      const payload = JSON.stringify(event.candidate ? event.candidate.toJSON() : { candidate: '' });
      if (entry.ready) send(feedAccountId, payload);
      else entry.candidates.push(payload);
    };
    return entry;
  }

  function send(feedAccountId, payload) {
    if (!closed) signal(feedAccountId, 'candidate', payload).catch(onError);
  }

  function flush(feedAccountId, entry) {
    entry.ready = true;
    for (const payload of entry.candidates.splice(0)) send(feedAccountId, payload);
  }

  async function startPublishing() {
    if (localStream.getTracks().length === 0) return;
    publisher = connection(myId);
    for (const track of localStream.getTracks()) {
      const outgoing = track.kind === 'video' && screenTrack ? screenTrack : track;
      publisher.pc.addTransceiver(outgoing, { direction: 'sendonly', streams: [localStream] });
    }
    const offer = await publisher.pc.createOffer();
    await publisher.pc.setLocalDescription(offer);
    const answer = await publish(offer.sdp);
    if (closed) return;
    await publisher.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    flush(myId, publisher);
  }

  async function open(feedAccountId) {
    drop(feedAccountId);
    const entry = connection(feedAccountId);
    subscriptions.set(feedAccountId, entry);
    // Janus may label the audio and the video track of one feed as two streams: the tile gets one stream with both.
    const stream = new MediaStream();
    entry.pc.ontrack = (event) => {
      stream.addTrack(event.track);
      onStream(feedAccountId, stream);
    };
    const offer = await subscribe(feedAccountId);
    if (closed || subscriptions.get(feedAccountId) !== entry) return;
    await entry.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    const answer = await entry.pc.createAnswer();
    await entry.pc.setLocalDescription(answer);
    await signal(feedAccountId, 'answer', answer.sdp);
    flush(feedAccountId, entry);
  }

  function drop(feedAccountId) {
    const entry = subscriptions.get(feedAccountId);
    if (!entry) return;
    entry.pc.close();
    subscriptions.delete(feedAccountId);
    onClosed(feedAccountId);
  }

  function subscribeIfPresent(feedAccountId) {
    if (closed || feedAccountId === myId || !published.has(feedAccountId) || !participants.includes(feedAccountId)) return;
    open(feedAccountId).catch((error) => { if (!closed) onError(error); });
  }

  return {
    /** Publishes our media, then subscribes to the feeds already there. */
    async start(feedsAlreadyThere) {
      await startPublishing();
      for (const id of feedsAlreadyThere) this.published(id);
    },

    /**
     * Follows who we may see (`peerIds`: our breakout group, or everyone) and who is in the session at all
     * (`participantIds`): subscriptions to the others end. A feed stays known while its participant is in the
     * session, so calling the groups back subscribes again at once (nobody publishes anew then).
     */
    sync(peerIds, participantIds = peerIds) {
      if (closed) return;
      participants = peerIds;
      for (const id of [...subscriptions.keys()]) if (!peerIds.includes(id)) drop(id);
      for (const id of [...published]) if (!participantIds.includes(id)) published.delete(id);
      for (const id of peerIds) if (!subscriptions.has(id)) subscribeIfPresent(id);
    },

    /** A feed is on the media server (new, or published again after a reconnect): (re)subscribe. */
    published(feedAccountId) {
      if (closed || feedAccountId === myId) return;
      published.add(feedAccountId);
      subscribeIfPresent(feedAccountId);
    },

    /** Publishes this track (a shared screen) instead of the camera, or the camera again with null; no renegotiation. */
    async replaceVideoTrack(track) {
      screenTrack = track;
      const sender = publisher ? videoSender(publisher.pc) : null;
      await sender?.replaceTrack(track ?? localStream.getVideoTracks()[0] ?? null);
    },

    /** Mesh signals do not apply here. */
    receive() {},

    /** Video frames decoded from one participant so far (0 until their picture arrives). */
    async framesDecoded(accountId) {
      const entry = subscriptions.get(accountId);
      if (!entry) return 0;
      let frames = 0;
      (await entry.pc.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      return frames;
    },

    close() {
      closed = true;
      publisher?.pc.close();
      publisher = null;
      for (const id of [...subscriptions.keys()]) drop(id);
    },
  };
}
