// Inserts post HTML that the server rendered and sanitized (docs/rich-text.md). The server is the authority;
// this is a second, independent layer: the HTML is parsed in an inert <template> (no scripts run, nothing
// loads) and anything outside the same allowlist is dropped before it reaches the page.

const TAGS = new Set(['P', 'BR', 'HR', 'STRONG', 'EM', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);
const ATTRIBUTES = new Set(['href', 'title', 'start', 'rel', 'target']);
const SAFE_URL = /^(https?:|mailto:|\/|#|\.)/i;

function clean(node) {
  for (const child of [...node.children]) {
    if (!TAGS.has(child.tagName)) {
      child.replaceWith(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    for (const attribute of [...child.attributes]) {
      const keep = ATTRIBUTES.has(attribute.name) && (attribute.name !== 'href' || SAFE_URL.test(attribute.value.trim()));
      if (!keep) child.removeAttribute(attribute.name);
    }
    clean(child);
  }
}

/** A fragment holding the sanitized post HTML, ready to append. */
export function richText(html) {
  const template = document.createElement('template');
  template.innerHTML = html ?? '';
  clean(template.content);
  return template.content;
}
