// Hash routes, parsed and built in one place so every view links the same way (deep links for every view):
//   #/login, #/twinspaces, #/twinspaces/<id>                     the TwinSpace home
//   #/twinspaces/<id>/pages/<pageId>[/versions]                  a page (and its version history)
//   #/twinspaces/<id>/<materials|forum|chat|rooms|members|bulletin|settings>
//   #/twinspaces/<id>/rooms/<roomId>                             a room (its session, chat, forum and files)
//   #/twinspaces/<id>/events[/<eventId>]                         live events, and one event (lobby, live, summary)
//   #/public-events[/<twinSpaceId>/<eventId>]                    public events of the platform, and one of them as a guest
//   #/public/<twinSpaceId>/pages/<pageId>                        a public page, no login needed

export const SECTIONS = ['home', 'pages', 'materials', 'forum', 'chat', 'rooms', 'events', 'members', 'bulletin', 'settings'];

// Views that show a list or one item of it, the item's id riding in `sub`.
const ITEM_SECTIONS = ['rooms', 'events'];

/** @returns {{ name: string, twinSpaceId?: string, section?: string, pageId?: string, sub?: string, eventId?: string }} */
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (parts[0] === 'public' && parts[1] && parts[2] === 'pages' && parts[3]) {
    return { name: 'public', twinSpaceId: parts[1], pageId: parts[3] };
  }
  if (parts[0] === 'public-events') {
    return parts[1] && parts[2] ? { name: 'publicEvent', twinSpaceId: parts[1], eventId: parts[2] } : { name: 'publicEvents' };
  }
  if (parts[0] === 'twinspaces' && parts[1]) {
    const section = SECTIONS.includes(parts[2]) ? parts[2] : 'home';
    return {
      name: 'twinspace', twinSpaceId: parts[1], section,
      pageId: section === 'pages' ? parts[3] || undefined : undefined,
      // A room's (an event's) id rides in `sub`: the rooms view is one view that shows the list or one room.
      sub: section === 'pages' && parts[4] === 'versions' ? 'versions' : ITEM_SECTIONS.includes(section) ? parts[3] || undefined : undefined,
    };
  }
  if (parts[0] === 'twinspaces') return { name: 'twinspaces' };
  if (parts[0] === 'login') return { name: 'login' };
  return { name: '' };
}

/**
 * The hash of a view of a TwinSpace: `twinSpaceHash(id)`, `twinSpaceHash(id, 'chat')`, `twinSpaceHash(id, 'pages', pageId)`,
 * `twinSpaceHash(id, 'rooms', undefined, roomId)`.
 */
export function twinSpaceHash(twinSpaceId, section = 'home', pageId, sub) {
  const base = `#/twinspaces/${encodeURIComponent(twinSpaceId)}`;
  if (section === 'home') return base;
  if (section === 'pages' && pageId) return `${base}/pages/${encodeURIComponent(pageId)}${sub ? `/${sub}` : ''}`;
  if (ITEM_SECTIONS.includes(section) && sub) return `${base}/${section}/${encodeURIComponent(sub)}`;
  return `${base}/${section}`;
}

export const PUBLIC_EVENTS_HASH = '#/public-events';

/** One public event, attended as a guest (the reader need not be a member of its TwinSpace). */
export function publicEventHash(twinSpaceId, eventId) {
  return `${PUBLIC_EVENTS_HASH}/${encodeURIComponent(twinSpaceId)}/${encodeURIComponent(eventId)}`;
}

/** The address of a public page, to share outside the TwinSpace. */
export function publicPageHash(twinSpaceId, pageId) {
  return `#/public/${encodeURIComponent(twinSpaceId)}/pages/${encodeURIComponent(pageId)}`;
}
