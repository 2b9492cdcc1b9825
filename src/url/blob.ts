// The custom-workload blob `w` (URL v2, README "Sharing and URLs": "a custom workload … may ride as one
// compressed blob"). Inside is the readable text of the list keys (`sz=1:1,8:3&lat=uni:80:40&
// iv=pause@50+30:1-15`), behind a checksum, compressed with lz-string into URL-safe characters.
//
// Why a checksum: lz-string decodes a damaged stream into whatever prefix it can (a one-character
// change turned "sz=1:1,8:3…" into "sz=1:1" in a probe), which would silently run a different
// workload. With the checksum a truncated or garbled blob is reported and nothing from it is used.
//
// Why a changed alphabet: lz-string's URI alphabet has '+' (read as a space by form decoding) and
// '$' ; we write '_' and '~' instead (both unreserved, never percent-encoded, kept by mail clients
// that turn URLs into links) and read either form.

import LZString from 'lz-string';

/** A decompressed blob longer than this is refused (a few KB of input can expand a lot). */
export const MAX_BLOB_TEXT = 20_000;

/** One key=value pair from inside a blob. */
export interface BlobParam {
  key: string;
  value: string;
}

export type Unpacked = { ok: true; params: BlobParam[] } | { ok: false; error: string };

/** FNV-1a over UTF-16 code units, top 24 bits in base 36 (4–5 characters). */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 8).toString(36);
}

// Inside the blob pairs are split on '&' and '='; only those and '%' need escaping.
const escapeInner = (v: string): string => v.replace(/[%&=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function packBlob(params: readonly BlobParam[]): string {
  const text = params.map((p) => `${escapeInner(p.key)}=${escapeInner(p.value)}`).join('&');
  const z = LZString.compressToEncodedURIComponent(`${checksum(text)}|${text}`);
  return z.replace(/\+/g, '_').replace(/\$/g, '~');
}

const BLOB_CHARS = /^[A-Za-z0-9_~+$ -]*$/;

/** Reads a blob; never throws. A failure is one message that says what is wrong with it. */
export function unpackBlob(blob: string): Unpacked {
  if (blob === '') return { ok: false, error: 'the workload blob is empty' };
  const bad = [...new Set(blob.replace(/[A-Za-z0-9_~+$ -]/g, ''))];
  if (!BLOB_CHARS.test(blob))
    return { ok: false, error: `the workload blob contains characters a blob never has (${bad.slice(0, 5).map((c) => JSON.stringify(c)).join(' ')}); it was not read` };
  let payload: string | null;
  try {
    payload = LZString.decompressFromEncodedURIComponent(blob.replace(/_/g, '+').replace(/~/g, '$'));
  } catch {
    payload = null;
  }
  if (!payload) return { ok: false, error: `the workload blob (${blob.length} characters) is truncated or damaged: it does not decompress` };
  if (payload.length > MAX_BLOB_TEXT) return { ok: false, error: `the workload blob expands to ${payload.length} characters; at most ${MAX_BLOB_TEXT} are read` };
  const bar = payload.indexOf('|');
  const text = payload.slice(bar + 1);
  if (bar < 0 || payload.slice(0, bar) !== checksum(text))
    return { ok: false, error: `the workload blob (${blob.length} characters) is garbled or truncated: its checksum does not match` };
  const params: BlobParam[] = [];
  for (const pair of text === '' ? [] : text.split('&')) {
    const eq = pair.indexOf('=');
    try {
      params.push({ key: decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), value: eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1)) });
    } catch {
      return { ok: false, error: 'the workload blob is garbled: a bad escape inside' };
    }
  }
  return { ok: true, params };
}
