// The formatting toolbar of the page editor: paragraph style (text, headings), bold, italic, underline, lists,
// link, quote, image. Every button is a real <button> (keyboard: Tab to it, Enter or Space), with its pressed
// state for marks that apply at the cursor; the same marks have shortcuts (Ctrl+B, Ctrl+I, Ctrl+U).
import { lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands';
import { liftListItem, wrapInList } from 'prosemirror-schema-list';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { pageSchema } from './schema.js';

const { nodes, marks } = pageSchema;
const BLOCK_STYLES = [
  { value: 'paragraph', label: 'editor.paragraph', type: nodes.paragraph, attrs: {} },
  { value: 'h2', label: 'editor.heading2', type: nodes.heading, attrs: { level: 2 } },
  { value: 'h3', label: 'editor.heading3', type: nodes.heading, attrs: { level: 3 } },
  { value: 'h4', label: 'editor.heading4', type: nodes.heading, attrs: { level: 4 } },
];

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks || $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

function inNode(state, type) {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type === type) return true;
  return false;
}

// Only links the server keeps (docs/pages.md): absolute http, https and mailto.
function normaliseUrl(text) {
  const value = text.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** @param {{ view: import('prosemirror-view').EditorView, imageButton: HTMLElement }} options */
export function renderEditorToolbar({ view, imageButton }) {
  const run = (command) => {
    command(view.state, view.dispatch, view);
    view.focus();
  };
  const button = (name, label, command, shortcut) => h('button', {
    type: 'button', class: `tool tool-${name}`, testid: `tool-${name}`, 'aria-label': label,
    title: shortcut ? `${label} (${shortcut})` : label, onclick: () => run(command),
  }, t(`editor.icon.${name}`));

  const blockStyle = h('select', {
    testid: 'tool-block', 'aria-label': t('editor.blockStyle'),
    onchange: () => {
      const style = BLOCK_STYLES.find((candidate) => candidate.value === blockStyle.value);
      if (style) run(setBlockType(style.type, style.attrs));
    },
  }, BLOCK_STYLES.map((style) => h('option', { value: style.value }, t(style.label))));

  const bold = button('bold', t('editor.bold'), toggleMark(marks.strong), 'Ctrl+B');
  const italic = button('italic', t('editor.italic'), toggleMark(marks.em), 'Ctrl+I');
  const underline = button('underline', t('editor.underline'), toggleMark(marks.underline), 'Ctrl+U');
  const bullets = button('bullets', t('editor.bulletList'), (state, dispatch) =>
    (inNode(state, nodes.bullet_list) ? liftListItem(nodes.list_item) : wrapInList(nodes.bullet_list))(state, dispatch));
  const numbers = button('numbers', t('editor.numberedList'), (state, dispatch) =>
    (inNode(state, nodes.ordered_list) ? liftListItem(nodes.list_item) : wrapInList(nodes.ordered_list))(state, dispatch));
  const quote = button('quote', t('editor.quote'), (state, dispatch) =>
    (inNode(state, nodes.blockquote) ? lift : wrapIn(nodes.blockquote))(state, dispatch));

  // A link needs selected text; an existing link under the selection is removed instead.
  const linkForm = h('form', { class: 'inline-form link-form', hidden: true });
  const linkInput = h('input', { type: 'text', inputmode: 'url', autocomplete: 'url', testid: 'tool-link-url', 'aria-label': t('editor.linkAddress'), placeholder: 'https://' });
  const linkError = h('span', { class: 'hint', role: 'alert', testid: 'tool-link-error' });
  linkForm.append(linkInput,
    h('button', { type: 'submit', testid: 'tool-link-apply' }, t('editor.linkApply')),
    h('button', { type: 'button', onclick: () => closeLink() }, t('common.cancel')), linkError);
  const closeLink = () => {
    linkForm.hidden = true;
    linkError.textContent = '';
    view.focus();
  };
  linkForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const href = normaliseUrl(linkInput.value);
    if (!href) {
      linkError.textContent = t('editor.linkInvalid');
      return;
    }
    toggleMark(marks.link, { href, title: null })(view.state, view.dispatch);
    closeLink();
  });
  linkInput.addEventListener('keydown', (event) => { if (event.key === 'Escape') closeLink(); });
  const link = h('button', {
    type: 'button', class: 'tool tool-link', testid: 'tool-link', 'aria-label': t('editor.link'), title: t('editor.link'),
    onclick: () => {
      if (markActive(view.state, marks.link)) {
        run(toggleMark(marks.link));
        return;
      }
      if (view.state.selection.empty) {
        linkError.textContent = t('editor.linkSelectFirst');
        linkForm.hidden = false;
        linkInput.hidden = true;
        return;
      }
      linkInput.hidden = false;
      linkInput.value = '';
      linkError.textContent = '';
      linkForm.hidden = false;
      linkInput.focus();
    },
  }, t('editor.icon.link'));

  const toggles = [[bold, marks.strong], [italic, marks.em], [underline, marks.underline], [link, marks.link]];
  const element = h('div', { class: 'editor-toolbar', role: 'toolbar', 'aria-label': t('editor.toolbar'), testid: 'editor-toolbar' },
    blockStyle, bold, italic, underline, bullets, numbers, link, quote, imageButton, linkForm);

  return {
    element,
    setEnabled(enabled) {
      element.hidden = !enabled;
    },
    /** Shows which marks and paragraph style apply where the cursor is. */
    update(state) {
      for (const [control, type] of toggles) control.setAttribute('aria-pressed', String(markActive(state, type)));
      const parent = state.selection.$from.parent;
      blockStyle.value = parent.type === nodes.heading ? `h${parent.attrs.level}` : 'paragraph';
      if (!BLOCK_STYLES.some((style) => style.value === blockStyle.value)) blockStyle.value = 'paragraph';
    },
  };
}
