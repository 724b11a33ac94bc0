import { apiPath, type ImportFormat, type ImportPreview } from '@ondeck/shared';
import { uploadBody } from '../../../api/upload.ts';

/** Where the event's server is, and the organiser's token for it. */
type Server = { serverUrl: string; eventId: string; token: string };

/** Sends a file to be imported; the server answers with its preview and changes nothing yet. */
export function uploadImport(
  server: Server,
  file: File,
  format: ImportFormat,
  onProgress: (sent: number) => void,
): Promise<ImportPreview> {
  const path = apiPath('uploadImport', { eventId: server.eventId }, { format, name: file.name });
  return uploadBody<ImportPreview>(`${server.serverUrl}${path}`, server.token, file, onProgress);
}

/**
 * A download of the event's marks, with the token in the query: a link cannot send headers
 * (the server never logs query strings).
 */
export function exportUrl(server: Server, route: 'exportShowcase' | 'exportMarksCsv'): string {
  return `${server.serverUrl}${apiPath(route, { eventId: server.eventId }, { token: server.token })}`;
}
