// Typed wrappers for the Rooms methods of docs/protocol.md.
import { invoke } from './hub.js';

export const listRooms = (twinSpaceId) => invoke('ListRooms', twinSpaceId);
export const createRoom = (twinSpaceId, title, description, capacity, memberIds) =>
  invoke('CreateRoom', twinSpaceId, { title, description, capacity, memberIds });
export const addMembers = (twinSpaceId, roomId, accountIds) => invoke('AddRoomMembers', twinSpaceId, roomId, accountIds);
export const removeMember = (twinSpaceId, roomId, accountId) => invoke('RemoveRoomMember', twinSpaceId, roomId, accountId);
export const openRoom = (twinSpaceId, roomId) => invoke('OpenRoom', twinSpaceId, roomId);
export const closeRoom = (twinSpaceId, roomId) => invoke('CloseRoom', twinSpaceId, roomId);
export const startSession = (twinSpaceId, roomId) => invoke('StartRoomSession', twinSpaceId, roomId);
export const endSession = (twinSpaceId, roomId) => invoke('EndRoomSession', twinSpaceId, roomId);
export const joinSession = (twinSpaceId, roomId) => invoke('JoinRoomSession', twinSpaceId, roomId);
export const leaveSession = (twinSpaceId, roomId) => invoke('LeaveRoomSession', twinSpaceId, roomId);
export const admit = (twinSpaceId, roomId, accountId) => invoke('AdmitToRoomSession', twinSpaceId, roomId, accountId);
export const deny = (twinSpaceId, roomId, accountId) => invoke('DenyRoomSessionEntry', twinSpaceId, roomId, accountId);
export const raiseHand = (twinSpaceId, roomId) => invoke('RaiseHand', twinSpaceId, roomId);
export const lowerHand = (twinSpaceId, roomId, accountId) => invoke('LowerHand', twinSpaceId, roomId, accountId ?? null);
export const setMediaState = (twinSpaceId, roomId, audioOn, videoOn, screenOn) =>
  invoke('SetRoomMediaState', twinSpaceId, roomId, { audioOn, videoOn, screenOn });
export const moderate = (twinSpaceId, roomId, accountId, action) => invoke('ModerateRoomParticipant', twinSpaceId, roomId, accountId, action);
export const lockSession = (twinSpaceId, roomId, locked) => invoke('LockRoomSession', twinSpaceId, roomId, locked);
export const setSessionTimer = (twinSpaceId, roomId, minutes) => invoke('SetRoomSessionTimer', twinSpaceId, roomId, minutes ?? null);
export const sendSignal = (twinSpaceId, roomId, toAccountId, kind, payload) =>
  invoke('SendRtcSignal', twinSpaceId, roomId, { toAccountId, kind, payload });
export const getIceServers = (twinSpaceId) => invoke('GetIceServers', twinSpaceId);
export const openBreakouts = (twinSpaceId, roomId, { groupCount = null, groups = null, minutes = null }) =>
  invoke('OpenBreakouts', twinSpaceId, roomId, { groupCount, groups, minutes });
export const closeBreakouts = (twinSpaceId, roomId) => invoke('CloseBreakouts', twinSpaceId, roomId);
export const visitBreakout = (twinSpaceId, roomId, groupId) => invoke('VisitBreakout', twinSpaceId, roomId, groupId ?? null);
export const sendBreakoutMessage = (twinSpaceId, roomId, text) => invoke('SendBreakoutMessage', twinSpaceId, roomId, text);
export const getRoomMedia = (twinSpaceId, roomId) => invoke('GetRoomMedia', twinSpaceId, roomId);
export const publishMedia = (twinSpaceId, roomId, offer) => invoke('PublishRoomMedia', twinSpaceId, roomId, offer);
export const subscribeMedia = (twinSpaceId, roomId, feedAccountId) => invoke('SubscribeRoomMedia', twinSpaceId, roomId, feedAccountId);
export const sendMediaSignal = (twinSpaceId, roomId, toAccountId, kind, payload) =>
  invoke('SendRoomMediaSignal', twinSpaceId, roomId, { toAccountId, kind, payload });
