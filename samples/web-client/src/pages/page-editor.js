// The collaborative editor of one page: ProseMirror bound to the page's Yjs document by y-prosemirror, with a
// formatting toolbar and remote cursors and names, kept in sync by @etwinning/collab-provider over the tab's hub
// connection. No inline styles anywhere (the CSP has no 'unsafe-inline'): a remote cursor's colour is one of a
// fixed palette of CSS classes (styles.css), chosen from the editor's Yjs client id.
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { splitListItem, liftListItem, sinkListItem } from 'prosemirror-schema-list';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { h } from '../dom.js';
import { messageOf } from '../errors.js';
import { t } from '../i18n.js';
import { renderEditorToolbar } from './editor-toolbar.js';
import { renderImageInsert } from './image-insert.js';
import { materialImageViews } from './material-image.js';
import { pageSchema } from './schema.js';
import { CollabPageProvider } from '@etwinning/collab-provider';

/** As many as styles.css has `.cursor-color-N` classes. */
const CURSOR_COLORS = 8;
// The hex values are still sent in awareness for other clients (the .NET client, other editors).
const COLOR_VALUES = ['#c2185b', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#ad1457'];

const colorClass = (clientId) => `cursor-color-${Math.abs(Number(clientId) || 0) % CURSOR_COLORS}`;

// y-prosemirror's default cursor sets style attributes; this one uses classes and text nodes only (names come
// from other users).
function cursorBuilder(user, clientId) {
  const cursor = document.createElement('span');
  cursor.className = `remote-cursor ${colorClass(clientId)}`;
  cursor.dataset.testid = 'remote-cursor';
  const label = document.createElement('span');
  label.className = 'remote-cursor-name';
  label.textContent = user?.name ?? '';
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

const selectionBuilder = (user, clientId) => ({ class: `remote-selection ${colorClass(clientId)}` });

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
    user: { name: account.displayName, color: COLOR_VALUES[Math.abs(doc.clientID) % CURSOR_COLORS] }, connect: false,
  });
  const status = h('p', { class: 'message', role: 'status', testid: 'editor-status' }, t('editor.opening'));
  const host = h('div', { class: 'page-editor', testid: 'page-editor' });
  const images = renderImageInsert({
    hub, twinSpaceId,
    onInsert: (attrs) => {
      view.dispatch(view.state.tr.replaceSelectionWith(pageSchema.nodes.image.create(attrs)).scrollIntoView());
      view.focus();
    },
  });

  const marks = pageSchema.marks;
  // Assigned right after the view exists; y-prosemirror dispatches while the view is being built.
  let toolbar = null;
  const view = new EditorView(host, {
    state: EditorState.create({
      schema: pageSchema,
      plugins: [
        ySyncPlugin(fragment),
        yCursorPlugin(provider.awareness, { cursorBuilder, selectionBuilder }),
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
    attributes: { 'aria-label': t('editor.label', { title: page.title }), role: 'textbox', 'aria-multiline': 'true' },
    // `this` is the view (ProseMirror calls it so); `view` is not assigned yet while the plugins start.
    // Plugins may still dispatch from a timer after the page was left; a destroyed view takes nothing.
    dispatchTransaction(transaction) {
      if (this.isDestroyed) return;
      this.updateState(this.state.apply(transaction));
      toolbar?.update(this.state);
    },
  });
  toolbar = renderEditorToolbar({ view, imageButton: images.element });
  toolbar.setEnabled(false);

  const element = h('div', { class: 'stack editor-frame' }, status, toolbar.element, host);

  const showStatus = (error) => {
    const { synced, canEdit } = provider;
    view.setProps({ editable: () => canEdit });
    host.dataset.editable = String(canEdit);
    toolbar.setEnabled(canEdit);
    toolbar.update(view.state);
    if (error) {
      status.textContent = messageOf(error);
      status.className = 'message error';
    } else if (synced) {
      status.textContent = canEdit ? t('editor.live') : t('editor.readOnly');
      status.className = 'message';
    }
  };
  provider.on('synced', () => showStatus(null));
  // Refusals the provider retries by itself (rate limits, lost connection) are not worth a message.
  provider.on('error', (error) => { if (!error.retryable) showStatus(error); });
  provider.connect();

  return {
    element,
    /** The page's body as the server has it now (used after restoring a version). */
    focus: () => view.focus(),
    // The view first: it unhooks the cursor plugin from the awareness the provider is about to clear.
    dispose() {
      images.dispose();
      view.destroy();
      // The provider sends what is still queued before it leaves; the document lives until then.
      provider.destroy().finally(() => doc.destroy());
    },
  };
}
