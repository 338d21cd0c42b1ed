// Materials over HTTP: uploads with progress (XMLHttpRequest: fetch cannot report upload progress) and the
// hub calls of the materials feature. Downloads use the signed URLs the server puts in every material.
import { apiUrl, getAccessToken } from './api.js';
import { CollabError, fromHttp } from './errors.js';
import { invoke } from './hub.js';

export const MATERIAL_EVENTS = [
  'MaterialProcessing', 'MaterialReady', 'MaterialFailed', 'MaterialChanged', 'MaterialDeleted',
  'MaterialCollectionChanged', 'MaterialCollectionDeleted',
];

export const listMaterials = (twinSpaceId) => invoke('ListMaterials', twinSpaceId);
export const getMaterialUrls = (twinSpaceId, materialId) => invoke('GetMaterialUrls', twinSpaceId, materialId);
export const createMaterialCollection = (twinSpaceId, kind, title) =>
  invoke('CreateMaterialCollection', twinSpaceId, { kind, title, description: '' });
export const deleteMaterial = (twinSpaceId, materialId) => invoke('DeleteMaterial', twinSpaceId, materialId);

/**
 * Uploads one file as raw bytes (the server decides the type from the content). `onProgress(fraction)` is
 * called as bytes go out. Resolves with the MaterialView; rejects with a CollabError.
 */
export async function uploadMaterial(twinSpaceId, file, { collectionId, onProgress } = {}) {
  const token = await getAccessToken();
  const query = new URLSearchParams({ name: file.name });
  if (collectionId) query.set('collectionId', collectionId);
  const url = apiUrl(`api/twinspaces/${encodeURIComponent(twinSpaceId)}/materials?${query}`);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response);
      else reject(fromHttp(request.status, request.response));
    };
    request.onerror = () => reject(new CollabError('network'));
    request.send(file);
  });
}

export const getAvatar = (twinSpaceId, accountId) => invoke('GetAvatar', twinSpaceId, accountId);

/** Uploads the caller's avatar picture (the server crops it square and strips its metadata) or, with null, resets it. */
export async function setAvatar(twinSpaceId, file) {
  const token = await getAccessToken();
  let response;
  try {
    response = await fetch(apiUrl(`api/twinspaces/${encodeURIComponent(twinSpaceId)}/avatar`), {
      method: file ? 'PUT' : 'DELETE',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
      body: file ?? undefined,
    });
  } catch {
    throw new CollabError('network');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw fromHttp(response.status, data);
  return data;
}
