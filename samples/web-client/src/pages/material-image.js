// Images of pages are materials. The document stores a stable source, the members' route
// /api/twinspaces/{id}/materials/{materialId}/{variant}, which the server renders (and rewrites to the public
// route on public pages). That route needs a bearer token, which an <img> cannot send, so the editor shows each
// image through the material's short-lived signed URL instead, fetched with GetMaterialUrls (as materials.js does).
import { getMaterialUrls } from '../materials-api.js';

const SOURCE = /^\/api\/twinspaces\/([A-Za-z0-9]{1,64})\/materials\/([A-Za-z0-9]{1,64})\/([a-z]{1,16})$/;

export const isMaterialSource = (src) => typeof src === 'string' && SOURCE.test(src);

export function materialSource(twinSpaceId, material) {
  const variant = material.urls?.preview ? 'preview' : 'original';
  return `/api/twinspaces/${twinSpaceId}/materials/${material.id}/${variant}`;
}

/** A ProseMirror node view factory for `image` nodes of the TwinSpace `twinSpaceId`. */
export function materialImageViews(twinSpaceId) {
  const signed = new Map(); // materialId -> Promise of MaterialUrls, shared by every image of the page

  const urlsOf = (materialId, fresh) => {
    if (fresh || !signed.has(materialId)) signed.set(materialId, getMaterialUrls(twinSpaceId, materialId));
    return signed.get(materialId);
  };

  return (node) => {
    const dom = document.createElement('img');
    dom.alt = node.attrs.alt ?? '';
    if (node.attrs.title) dom.title = node.attrs.title;
    dom.className = 'page-image';
    dom.dataset.testid = 'page-image';
    const match = SOURCE.exec(node.attrs.src ?? '');
    if (match && match[1] === twinSpaceId) {
      const [, , materialId, variant] = match;
      const show = (fresh) => urlsOf(materialId, fresh)
        .then((urls) => { dom.src = urls[variant] ?? urls.original; })
        .catch(() => { dom.classList.add('missing'); }); // deleted meanwhile: the alt text stays
      // Signed URLs expire: an image that fails to load gets fresh ones, once.
      dom.addEventListener('error', () => {
        if (dom.dataset.retried) return;
        dom.dataset.retried = 'true';
        show(true);
      });
      show(false);
    }
    return { dom };
  };
}
