// The page tree of a TwinSpace, live: loaded with ListPages, kept current by PageTreeChanged, and drawn as the
// navigation menu (sub-pages nested under their parents). Teacher administrators reorder it by dragging a page
// onto another: dropped on the upper half of a page it takes that page's place among its siblings, on the lower half it
// becomes that page's last sub-page. The page view offers the same with buttons.
import { h, replaceChildren } from '../dom.js';
import { messageOf } from '../errors.js';
import * as hub from '../hub.js';
import { t } from '../i18n.js';
import { can } from '../roles.js';
import { twinSpaceHash } from '../routes.js';

/**
 * @param {{ twinSpaceId: string, account: object, role: () => string, isOpen: () => boolean, onChange: () => void,
 *           onError: (message: string) => void }} options
 */
export function createPageTree({ twinSpaceId, account, role, isOpen, onChange, onError }) {
  const pages = new Map();
  let disposed = false;
  let loaded = false;

  function visible() {
    return [...pages.values()].filter((page) => !page.isDeleted);
  }

  function childrenOf(parentId) {
    return visible().filter((page) => (page.parentId ?? '') === (parentId ?? '')).sort((a, b) => a.position - b.position);
  }

  // Parents before children, siblings by position (the server's menu order), with their depth.
  function ordered() {
    const result = [];
    const walk = (parentId, depth) => {
      for (const page of childrenOf(parentId)) {
        result.push({ page, depth });
        walk(page.id, depth + 1);
      }
    };
    walk('', 0);
    return result;
  }

  /** Manage = rename, publish, visibility, versions: any page for administrators, own pages for authors. */
  function canManage(page) {
    if (!isOpen() || !page) return false;
    return can(role(), 'manageAnyPage') || (can(role(), 'editOwnPages') && page.createdBy === account.id);
  }

  function apply(page) {
    pages.set(page.id, { ...pages.get(page.id), ...page });
    onChange();
  }

  async function load() {
    try {
      const list = await hub.invoke('ListPages', twinSpaceId, false);
      if (disposed) return;
      pages.clear();
      for (const page of list) pages.set(page.id, page);
      loaded = true;
      onChange();
    } catch (failure) {
      if (!disposed) onError(messageOf(failure));
    }
  }

  /** Moves `pageId` to `position` under `parentId` (siblings are renumbered by the server). */
  async function move(pageId, parentId, position) {
    apply(await hub.invoke('MovePage', twinSpaceId, pageId, { parentId: parentId ?? null, position }));
  }

  const unsubscribers = [
    hub.on('PageTreeChanged', (event) => {
      if (disposed || event.twinSpaceId !== twinSpaceId) return;
      // canEdit is not in the event: keep the one ListPages gave us.
      apply({ ...event.page, canEdit: pages.get(event.page.id)?.canEdit ?? false });
    }),
    hub.onReconnected(load),
  ];

  return {
    get: (pageId) => pages.get(pageId),
    isLoaded: () => loaded,
    ordered,
    childrenOf,
    canManage,
    canCreate: () => isOpen() && can(role(), 'createPages'),
    canReorder: () => isOpen() && can(role(), 'reorderPages'),
    apply,
    load,
    move,
    dispose() {
      disposed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}

/** Whether `pageId` is `ancestorId` or one of its sub-pages. */
function isWithin(tree, pageId, ancestorId) {
  for (let id = pageId; id; id = tree.get(id)?.parentId) {
    if (id === ancestorId) return true;
  }
  return false;
}

/** The lower half of a page's link takes the dragged page as a sub-page; the upper half puts it in the page's place. */
function dropsInside(link, event) {
  const box = link.getBoundingClientRect();
  return event.clientY > box.top + box.height / 2;
}

/**
 * The page tree as a nested list of links for the navigation menu. `currentPageId` is marked with aria-current.
 * @param {ReturnType<typeof createPageTree>} tree
 */
export function renderPageMenu(tree, { twinSpaceId, currentPageId, onError }) {
  const reorder = tree.canReorder();
  let dragged = null;

  const item = (page) => {
    const link = h('a', {
      href: twinSpaceHash(twinSpaceId, 'pages', page.id), class: 'nav-link page-link', testid: 'page-link',
      dataset: { pageId: page.id }, 'aria-current': page.id === currentPageId ? 'page' : null,
    }, page.title, page.isPublished ? null : [' ', h('span', { class: 'badge draft' }, t('page.draftBadge'))]);
    const children = tree.childrenOf(page.id);
    const row = h('li', { class: 'page-menu-item', dataset: { pageId: page.id } },
      link, children.length ? h('ul', { class: 'page-menu' }, children.map(item)) : null);
    if (reorder) {
      link.draggable = true;
      link.addEventListener('dragstart', (event) => {
        dragged = page;
        event.dataTransfer.setData('text/plain', page.id);
        event.dataTransfer.effectAllowed = 'move';
      });
      const clear = () => link.classList.remove('drop-target', 'drop-inside');
      link.addEventListener('dragover', (event) => {
        // A page cannot go under itself or one of its sub-pages (the server refuses it too).
        if (!dragged || isWithin(tree, page.id, dragged.id)) return;
        event.preventDefault();
        const inside = dropsInside(link, event);
        link.classList.toggle('drop-inside', inside);
        link.classList.toggle('drop-target', !inside);
      });
      link.addEventListener('dragleave', clear);
      link.addEventListener('drop', (event) => {
        event.preventDefault();
        clear();
        const moving = dragged;
        dragged = null;
        if (!moving || isWithin(tree, page.id, moving.id)) return;
        const moved = dropsInside(link, event)
          ? tree.move(moving.id, page.id, tree.childrenOf(page.id).filter((child) => child.id !== moving.id).length)
          : tree.move(moving.id, page.parentId, page.position);
        moved.catch((failure) => onError(messageOf(failure)));
      });
      link.addEventListener('dragend', () => { dragged = null; });
    }
    return row;
  };

  const list = h('ul', { class: 'page-menu', testid: 'page-tree' });
  replaceChildren(list, tree.childrenOf('').map(item));
  return list;
}
