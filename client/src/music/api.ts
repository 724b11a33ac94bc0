import { apiPath, type MusicFile, type MusicFileList } from '@ondeck/shared';
import { answerError, ClientErrorCode, callApi, parseJson, RequestError } from '../api/client.ts';
import { uploadBody } from '../api/upload.ts';
import type { Membership } from '../storage/db.ts';

type Server = Pick<Membership, 'serverUrl' | 'eventId' | 'token'>;

/**
 * A music file's address with the token in the query: an `<audio src>` and a download link
 * cannot send headers. The server never logs query strings.
 */
export function fileUrl(server: Server, sha256: string): string {
  return `${server.serverUrl}${apiPath('getFile', { eventId: server.eventId, sha256 }, { token: server.token })}`;
}

/** The DJ's playlist ZIP (every song in running order and an offline index page). */
export function playlistZipUrl(server: Server): string {
  return `${server.serverUrl}${apiPath('playlistZip', { eventId: server.eventId }, { token: server.token })}`;
}

export function listFiles(server: Server): Promise<MusicFileList> {
  return callApi(server.serverUrl, 'listFiles', { params: { eventId: server.eventId }, token: server.token });
}

/** Uploads one file as the raw request body, reporting the bytes sent. */
export function uploadFile(server: Server, file: Blob, onProgress: (sent: number) => void): Promise<MusicFile> {
  return uploadBody<MusicFile>(
    `${server.serverUrl}${apiPath('uploadFile', { eventId: server.eventId })}`,
    server.token,
    file,
    onProgress,
  );
}

/** Hex SHA-256 of some bytes (Web Crypto: the app runs on HTTPS or localhost). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  // NOTE: browsers offer Web Crypto only to secure pages; a plain-HTTP LAN address is not one.
  if (!crypto.subtle)
    throw new RequestError(
      0,
      ClientErrorCode.INSECURE,
      'Songs can only be checked on a secure page: open ondeck over HTTPS.',
    );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Downloads one file and checks it is exactly the file its hash names before handing it over.
 * `onBytes` reports each chunk as it arrives. A network failure is a RequestError NETWORK.
 */
export async function downloadVerified(
  server: Server,
  sha256: string,
  onBytes: (count: number) => void,
  signal: AbortSignal,
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${server.serverUrl}${apiPath('getFile', { eventId: server.eventId, sha256 })}`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal,
    });
  } catch {
    throw new RequestError(0, ClientErrorCode.NETWORK, 'The server cannot be reached.');
  }
  if (!response.ok || !response.body) throw answerError(response.status, parseJson(await response.text()));
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      onBytes(value.byteLength);
    }
  } catch {
    throw new RequestError(0, ClientErrorCode.NETWORK, 'The download was cut off.');
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'audio/mpeg' });
  if ((await sha256Hex(await blob.arrayBuffer())) !== sha256)
    throw new RequestError(
      response.status,
      ClientErrorCode.CORRUPT,
      'The file that arrived is not the one uploaded (its checksum differs).',
    );
  return blob;
}
