// Inserts HTML that the server rendered and sanitized (forum posts: docs/rich-text.md; pages: docs/pages.md).
// The server is the authority; this is a second, independent layer: the HTML is parsed in an inert <template>
// (no scripts run, nothing loads) and anything outside the same allowlist is dropped before it reaches the page.

const TAGS = new Set(['P', 'BR', 'HR', 'STRONG', 'EM', 'U', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);
const ATTRIBUTES = new Set(['href', 'title', 'start', 'rel', 'target']);
const SAFE_URL = /^(https?:|mailto:|\/|#|\.)/i;
// Public pages show their pictures from the public route (docs/protocol.md, Materials); nothing else loads.
const PUBLIC_IMAGE = /^\/api\/public\/[A-Za-z0-9]{1,64}\/materials\/[A-Za-z0-9]{1,64}\/[a-z]{1,16}$/;

function clean(node, images) {
  for (const child of [...node.children]) {
    if (child.tagName === 'IMG') {
      const src = child.getAttribute('src') ?? '';
      if (images === 'public' && PUBLIC_IMAGE.test(src)) {
        const alt = child.getAttribute('alt') ?? '';
        const title = child.getAttribute('title');
        for (const attribute of [...child.attributes]) child.removeAttribute(attribute.name);
        child.setAttribute('src', src);
        child.setAttribute('alt', alt);
        if (title) child.setAttribute('title', title);
        child.className = 'page-image';
      } else {
        // Members' images need a token an <img> cannot send: the description stands in for the picture.
        child.replaceWith(document.createTextNode(child.getAttribute('alt') ? `[${child.getAttribute('alt')}]` : ''));
      }
      continue;
    }
    if (!TAGS.has(child.tagName)) {
      child.replaceWith(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    for (const attribute of [...child.attributes]) {
      const keep = ATTRIBUTES.has(attribute.name) && (attribute.name !== 'href' || SAFE_URL.test(attribute.value.trim()));
      if (!keep) child.removeAttribute(attribute.name);
    }
    clean(child, images);
  }
}

/**
 * A fragment holding the sanitized HTML, ready to append. `images`: "public" keeps pictures served by the
 * public route; otherwise pictures become their alt text.
 */
export function richText(html, { images = 'none' } = {}) {
  const template = document.createElement('template');
  template.innerHTML = html ?? '';
  clean(template.content, images);
  return template.content;
}
