// Binary values travel as base64 strings in SignalR's JSON protocol and as bytes in MessagePack.

export function toBase64(bytes) {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes from either protocol's representation. */
export function bytesOf(value) {
  if (value == null) return new Uint8Array(0);
  if (typeof value === 'string') return fromBase64(value);
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return Uint8Array.from(value);
  return new Uint8Array(value);
}

/** A field of a hub record: camelCase in JSON, the .NET (PascalCase) name in MessagePack. */
export function field(record, name) {
  if (record == null) return undefined;
  if (name in record) return record[name];
  return record[name[0].toUpperCase() + name.slice(1)];
}
