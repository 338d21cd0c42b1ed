// Hub wrappers for the Teacher bulletin and the Project journal (docs/protocol.md, "Bulletin and journal").
import { invoke } from './hub.js';

const METHODS = {
  bulletin: { list: 'ListBulletin', post: 'PostBulletin', edit: 'EditBulletin', remove: 'DeleteBulletin', event: 'BulletinPostChanged' },
  journal: { list: 'ListJournal', post: 'PostJournalEntry', edit: 'EditJournalEntry', remove: 'DeleteJournalEntry', event: 'JournalEntryChanged' },
};

export const eventOf = (kind) => METHODS[kind].event;
export const list = (kind, twinSpaceId, beforeSequence = null, limit = null) =>
  invoke(METHODS[kind].list, twinSpaceId, { beforeSequence, limit });
export const post = (kind, twinSpaceId, clientId, title, text) => invoke(METHODS[kind].post, twinSpaceId, { clientId, title, text });
export const edit = (kind, twinSpaceId, sequence, title, text) => invoke(METHODS[kind].edit, twinSpaceId, sequence, { title, text });
export const remove = (kind, twinSpaceId, sequence) => invoke(METHODS[kind].remove, twinSpaceId, sequence);
