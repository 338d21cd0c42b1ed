// Typed wrappers for the Chat methods of docs/protocol.md.
import { invoke } from './hub.js';

export const listChannels = (twinSpaceId) => invoke('ListChatChannels', twinSpaceId);
export const openChannel = (twinSpaceId, channelId) => invoke('OpenChatChannel', twinSpaceId, channelId);
export const closeChannel = (twinSpaceId, channelId) => invoke('CloseChatChannel', twinSpaceId, channelId);
export const openDirectChannel = (twinSpaceId, accountId) => invoke('OpenDirectChannel', twinSpaceId, accountId);
export const createBreakout = (twinSpaceId, title, memberIds) => invoke('CreateBreakoutChannel', twinSpaceId, { title, memberIds });
export const send = (twinSpaceId, channelId, clientMessageId, text) =>
  invoke('SendChatMessage', twinSpaceId, { channelId, clientMessageId, text });
export const history = (twinSpaceId, channelId, beforeSequence, limit) =>
  invoke('GetChatHistory', twinSpaceId, channelId, beforeSequence ?? null, limit ?? null);
export const since = (twinSpaceId, channelId, afterSequence) => invoke('GetChatMessagesSince', twinSpaceId, channelId, afterSequence, null);
export const edit = (twinSpaceId, channelId, sequence, text) => invoke('EditChatMessage', twinSpaceId, channelId, sequence, text);
export const remove = (twinSpaceId, channelId, sequence) => invoke('DeleteChatMessage', twinSpaceId, channelId, sequence);
export const react = (twinSpaceId, channelId, sequence, emoji, add) => invoke('ReactToChatMessage', twinSpaceId, channelId, sequence, emoji, add);
export const typing = (twinSpaceId, channelId) => invoke('SendChatTyping', twinSpaceId, channelId);
export const markRead = (twinSpaceId, channelId, sequence) => invoke('MarkChatRead', twinSpaceId, channelId, sequence);
export const report = (twinSpaceId, channelId, sequence, reason) => invoke('ReportChatMessage', twinSpaceId, channelId, sequence, reason);
export const hide = (twinSpaceId, channelId, sequence, reason) => invoke('HideChatMessage', twinSpaceId, channelId, sequence, reason);
export const reviewQueue = (twinSpaceId) => invoke('GetChatReviewQueue', twinSpaceId, true);
export const resolveReview = (twinSpaceId, itemId, decision) => invoke('ResolveChatReview', twinSpaceId, itemId, decision, null);
export const details = (twinSpaceId, channelId, sequence) => invoke('GetChatMessageDetails', twinSpaceId, channelId, sequence);
export const mute = (twinSpaceId, channelId, accountId, minutes, reason) =>
  invoke('MuteChatMember', twinSpaceId, channelId, accountId, minutes, reason);
export const unmute = (twinSpaceId, channelId, accountId) => invoke('UnmuteChatMember', twinSpaceId, channelId, accountId);
/** Rules are `{ word, action: "mask"|"holdForReview"|"block" }`; the list is the TwinSpace's, shared with forums. */
export const wordList = (twinSpaceId) => invoke('GetChatWordList', twinSpaceId);
export const setWordList = (twinSpaceId, rules) => invoke('SetChatWordList', twinSpaceId, rules);
export const mutes = (twinSpaceId) => invoke('GetChatMutes', twinSpaceId);
