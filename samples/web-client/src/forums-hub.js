// Hub wrappers for the Forums section of docs/protocol.md (kept apart from hub.js, which owns the connection).
import { invoke } from './hub.js';

export const listDiscussions = (twinSpaceId, roomId = null) => invoke('ListForumDiscussions', twinSpaceId, roomId);
export const createDiscussion = (twinSpaceId, title, description, roomId = null) =>
  invoke('CreateForumDiscussion', twinSpaceId, { title, description, roomId });
export const openDiscussion = (twinSpaceId, discussionId, offset = 0) =>
  invoke('OpenForumDiscussion', twinSpaceId, discussionId, { offset, limit: null });
export const closeDiscussion = (twinSpaceId, discussionId) => invoke('CloseForumDiscussion', twinSpaceId, discussionId);
export const createThread = (twinSpaceId, discussionId, title, body) =>
  invoke('CreateForumThread', twinSpaceId, { discussionId, title, body, attachmentIds: null });
export const openThread = (twinSpaceId, threadId, afterNumber = 0) =>
  invoke('OpenForumThread', twinSpaceId, threadId, { afterNumber, limit: null });
export const closeThread = (twinSpaceId, threadId) => invoke('CloseForumThread', twinSpaceId, threadId);
export const markRead = (twinSpaceId, threadId, number) => invoke('MarkForumThreadRead', twinSpaceId, threadId, number);
export const preview = (twinSpaceId, body) => invoke('PreviewForumPost', twinSpaceId, body);
export const reply = (twinSpaceId, threadId, body, quotedPostId) =>
  invoke('PostForumReply', twinSpaceId, { threadId, body, quotedPostId, attachmentIds: null });
export const like = (twinSpaceId, postId, liked) => invoke('LikeForumPost', twinSpaceId, postId, liked);
export const report = (twinSpaceId, postId, reason) => invoke('ReportForumPost', twinSpaceId, postId, reason);
export const deletePost = (twinSpaceId, postId) => invoke('DeleteForumPost', twinSpaceId, postId);
export const hidePost = (twinSpaceId, postId, reason) => invoke('HideForumPost', twinSpaceId, postId, reason);
export const showPost = (twinSpaceId, postId) => invoke('ShowForumPost', twinSpaceId, postId);
export const pinThread = (twinSpaceId, threadId, pinned) => invoke('PinForumThread', twinSpaceId, threadId, pinned);
export const lockThread = (twinSpaceId, threadId, locked) => invoke('LockForumThread', twinSpaceId, threadId, locked);
