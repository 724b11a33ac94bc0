import type { ImportFormat, ImportPreview } from '@ondeck/shared';
import { uploadBody } from '../../../api/upload.ts';

/** Where the event's server is, and the organiser's token for it. */
type Server = { serverUrl: string; eventId: string; token: string };

export const importsPath = ({ eventId }: Server) => `/api/events/${eventId}/imports`;

/** Sends a file to be imported; the server answers with its preview and changes nothing yet. */
export function uploadImport(
  server: Server,
  file: File,
  format: ImportFormat,
  onProgress: (sent: number) => void,
): Promise<ImportPreview> {
  const query = new URLSearchParams({ format, name: file.name });
  return uploadBody<ImportPreview>(
    `${server.serverUrl}${importsPath(server)}?${query}`,
    server.token,
    file,
    onProgress,
  );
}

/**
 * A download of the event's marks, with the token in the query: a link cannot send headers
 * (the server never logs query strings).
 */
export function exportUrl(server: Server, kind: 'showcase.sqlite3' | 'marks.csv'): string {
  return `${server.serverUrl}/api/events/${server.eventId}/export/${kind}?token=${encodeURIComponent(server.token)}`;
}
