// The collaborative editor of one page: ProseMirror bound to the page's Yjs document by y-prosemirror, with
// remote cursors and names, kept in sync by @etwinning/collab-provider over the tab's hub connection.
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { splitListItem, liftListItem, sinkListItem } from 'prosemirror-schema-list';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { h } from '../dom.js';
import { messageOf } from '../errors.js';
import { renderImageInsert } from './image-insert.js';
import { materialImageViews } from './material-image.js';
import { pageSchema } from './schema.js';
import { CollabPageProvider } from '@etwinning/collab-provider';

const COLORS = ['#c2185b', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037'];

function colorOf(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

// y-prosemirror's default cursor, built from text nodes only (names come from other users).
function cursorBuilder(user) {
  const cursor = document.createElement('span');
  cursor.className = 'remote-cursor';
  cursor.style.borderColor = user.color;
  cursor.dataset.testid = 'remote-cursor';
  const label = document.createElement('span');
  label.className = 'remote-cursor-name';
  label.style.backgroundColor = user.color;
  label.textContent = user.name;
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

/**
 * @param {{ hub: object, twinSpaceId: string, page: object, account: object }} options
 * @returns {{ element: HTMLElement, dispose: () => void }}
 */
export function renderPageEditor({ hub, twinSpaceId, page, account }) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('prosemirror');
  // The tab's one connection speaks JSON, so updates travel as base64 there.
  const provider = new CollabPageProvider({
    hub: { ...hub, binary: 'base64' }, twinSpaceId, pageId: page.id, document: doc,
    user: { name: account.displayName, color: colorOf(account.id) }, connect: false,
  });
  const status = h('p', { class: 'message', role: 'status', testid: 'editor-status' }, 'Opening the page…');
  const host = h('div', { class: 'page-editor', testid: 'page-editor' });
  const images = renderImageInsert({
    hub, twinSpaceId,
    onInsert: (attrs) => {
      view.dispatch(view.state.tr.replaceSelectionWith(pageSchema.nodes.image.create(attrs)).scrollIntoView());
      view.focus();
    },
  });
  images.setEnabled(false);
  const element = h('section', { class: 'card stack', testid: 'page-view', dataset: { pageId: page.id } },
    h('h2', { testid: 'page-title' }, page.title),
    page.description ? h('p', { class: 'description', testid: 'page-description' }, page.description) : null,
    status, images.element, host);

  const marks = pageSchema.marks;
  const view = new EditorView(host, {
    state: EditorState.create({
      schema: pageSchema,
      plugins: [
        ySyncPlugin(fragment),
        yCursorPlugin(provider.awareness, { cursorBuilder }),
        yUndoPlugin(),
        keymap({
          'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo,
          'Mod-b': toggleMark(marks.strong), 'Mod-i': toggleMark(marks.em), 'Mod-u': toggleMark(marks.underline),
          Enter: splitListItem(pageSchema.nodes.list_item), 'Mod-[': liftListItem(pageSchema.nodes.list_item),
          'Mod-]': sinkListItem(pageSchema.nodes.list_item),
        }),
        keymap(baseKeymap),
      ],
    }),
    editable: () => provider.canEdit,
    nodeViews: { image: materialImageViews(twinSpaceId) },
  });

  const showStatus = (error) => {
    const { synced, canEdit } = provider;
    view.setProps({ editable: () => canEdit });
    host.dataset.editable = String(canEdit);
    images.setEnabled(canEdit);
    if (error) {
      status.textContent = messageOf(error);
      status.className = 'message error';
    } else if (synced) {
      status.textContent = canEdit ? 'Everyone on this page sees your changes as you type.' : 'You can read this page; it is not assigned to you.';
      status.className = 'message';
    }
  };
  provider.on('synced', () => showStatus(null));
  // Refusals the provider retries by itself (rate limits, lost connection) are not worth a message.
  provider.on('error', (error) => { if (!error.retryable) showStatus(error); });
  provider.connect();

  return {
    element,
    dispose() {
      images.dispose();
      provider.destroy();
      view.destroy();
      doc.destroy();
    },
  };
}
