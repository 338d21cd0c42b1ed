// WebRTC for small sessions: every participant connects to every other one (a mesh). The hub only relays the
// signalling (SendRtcSignal / RtcSignal); media goes browser to browser. Exactly one side of each pair offers, the
// one with the smaller account id, so two offers never cross and no "perfect negotiation" rollback is needed.

/**
 * @param {{ myId: string, iceServers: RTCIceServer[], localStream: MediaStream,
 *           send: (toAccountId: string, kind: 'offer'|'answer'|'candidate', payload: string) => Promise<void>,
 *           onStream: (accountId: string, stream: MediaStream) => void, onClosed: (accountId: string) => void,
 *           onError: (error: unknown) => void }} options
 */
export function createMesh({ myId, iceServers, localStream, send, onStream, onClosed, onError }) {
  /** @type {Map<string, { pc: RTCPeerConnection, candidates: RTCIceCandidateInit[], chain: Promise<void> }>} */
  const peers = new Map();
  let closed = false;
  // While the screen is shared, it goes out in place of the camera, also to peers who connect meanwhile.
  let screenTrack = null;
  const outgoingVideo = () => screenTrack ?? localStream.getVideoTracks()[0] ?? null;

  function open(accountId) {
    const pc = new RTCPeerConnection({ iceServers });
    const peer = { pc, candidates: [], chain: Promise.resolve() };
    for (const track of localStream.getAudioTracks()) pc.addTrack(track, localStream);
    const video = outgoingVideo();
    if (video) pc.addTrack(video, localStream);
    // Without a camera or microphone we still want to see and hear the others.
    else pc.addTransceiver('video', { direction: 'recvonly' });
    if (localStream.getAudioTracks().length === 0) pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.onicecandidate = (event) => {
      if (event.candidate && !closed) send(accountId, 'candidate', JSON.stringify(event.candidate.toJSON())).catch(onError);
    };
    pc.ontrack = (event) => onStream(accountId, event.streams[0] ?? new MediaStream([event.track]));
    peers.set(accountId, peer);
    return peer;
  }

  function drop(accountId) {
    const peer = peers.get(accountId);
    if (!peer) return;
    peer.pc.close();
    peers.delete(accountId);
    onClosed(accountId);
  }

  // Signals of one peer are applied in order: an answer must not overtake its offer's setRemoteDescription.
  function enqueue(peer, task) {
    peer.chain = peer.chain.then(task).catch((error) => { if (!closed) onError(error); });
  }

  async function flushCandidates(peer) {
    for (const candidate of peer.candidates.splice(0)) await peer.pc.addIceCandidate(candidate);
  }

  return {
    /** Connects to participants who came, closes connections to those who left. */
    sync(participantIds) {
      if (closed) return;
      for (const id of [...peers.keys()]) if (!participantIds.includes(id)) drop(id);
      for (const id of participantIds) {
        if (id === myId || peers.has(id) || myId > id) continue;
        const peer = open(id);
        enqueue(peer, async () => {
          const offer = await peer.pc.createOffer();
          await peer.pc.setLocalDescription(offer);
          await send(id, 'offer', offer.sdp);
        });
      }
    },

    /** Applies an RtcSignal event from another participant. */
    receive({ fromAccountId: id, kind, payload }) {
      if (closed) return;
      if (kind === 'offer') {
        // A second offer from the same account means it came back (a new page or connection): start afresh.
        if (peers.get(id)?.pc.remoteDescription) drop(id);
        const peer = peers.get(id) ?? open(id);
        enqueue(peer, async () => {
          await peer.pc.setRemoteDescription({ type: 'offer', sdp: payload });
          await flushCandidates(peer);
          const answer = await peer.pc.createAnswer();
          await peer.pc.setLocalDescription(answer);
          await send(id, 'answer', answer.sdp);
        });
      } else if (kind === 'answer') {
        const peer = peers.get(id);
        if (peer) enqueue(peer, async () => {
          await peer.pc.setRemoteDescription({ type: 'answer', sdp: payload });
          await flushCandidates(peer);
        });
      } else if (kind === 'candidate') {
        const peer = peers.get(id);
        if (peer) enqueue(peer, async () => {
          const candidate = JSON.parse(payload);
          if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(candidate);
          else peer.candidates.push(candidate);
        });
      }
    },

    /**
     * Sends this track (a shared screen) instead of the camera, or the camera again with null. The sender's track is
     * replaced in place, so no renegotiation is needed (the camera's sender exists whenever there is a camera).
     */
    async replaceVideoTrack(track) {
      screenTrack = track;
      const next = outgoingVideo();
      await Promise.all([...peers.values()].map(({ pc }) => videoSender(pc)?.replaceTrack(next)));
    },

    /** Video frames decoded from one participant so far (0 until their picture arrives). */
    async framesDecoded(accountId) {
      const peer = peers.get(accountId);
      if (!peer) return 0;
      let frames = 0;
      (await peer.pc.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      return frames;
    },

    close() {
      closed = true;
      for (const id of [...peers.keys()]) drop(id);
    },
  };
}

/** The sender of a connection's video (a transceiver's kind is its receiver track's, whatever it sends). */
export function videoSender(pc) {
  return pc.getTransceivers().find((transceiver) => transceiver.receiver.track.kind === 'video')?.sender ?? null;
}
