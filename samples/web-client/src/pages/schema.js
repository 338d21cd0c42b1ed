// The page schema: prosemirror-schema-basic + lists + underline and strike. The server renders exactly these
// node and mark names (docs/pages.md, "Rendering").
import { Schema } from 'prosemirror-model';
import { schema as basic } from 'prosemirror-schema-basic';
import { addListNodes } from 'prosemirror-schema-list';
import { isMaterialSource } from './material-image.js';

// Inline `image` with src, alt and title, the node and attributes the server renderer reads. src is always the
// members' route of a material of this TwinSpace (see material-image.js): pasted pictures from elsewhere are
// not taken in, since the server would drop them anyway.
const image = {
  inline: true,
  group: 'inline',
  draggable: true,
  attrs: { src: {}, alt: { default: '' }, title: { default: null } },
  parseDOM: [{
    tag: 'img[src]',
    getAttrs: (dom) => (isMaterialSource(dom.getAttribute('src'))
      ? { src: dom.getAttribute('src'), alt: dom.getAttribute('alt') ?? '', title: dom.getAttribute('title') }
      : false),
  }],
  toDOM: (node) => ['img', { src: node.attrs.src, alt: node.attrs.alt, title: node.attrs.title }],
};

export const pageSchema = new Schema({
  nodes: addListNodes(basic.spec.nodes.update('image', image), 'paragraph block*', 'block'),
  marks: basic.spec.marks.append({
    underline: { parseDOM: [{ tag: 'u' }], toDOM: () => ['u', 0] },
    strike: { parseDOM: [{ tag: 's' }, { tag: 'del' }], toDOM: () => ['s', 0] },
  }),
});
