import type { ApiError } from '@ondeck/shared';
import { RequestError } from './client.ts';

/**
 * Sends a file as the raw body of a POST and resolves with the server's JSON answer.
 * XMLHttpRequest rather than fetch: only it reports upload progress, which people watching a
 * large file go up need to see.
 */
export function uploadBody<T>(
  url: string,
  token: string,
  file: Blob,
  onProgress: (sent: number) => void,
  expectedStatus = 201,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onerror = () =>
      reject(new RequestError(0, 'NETWORK', 'The upload was cut off: check the connection and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's error page: the status says it.
      }
      if (xhr.status === expectedStatus) return resolve(body as T);
      const error = (body as Partial<ApiError> | null)?.error;
      reject(
        new RequestError(
          xhr.status,
          error?.code ?? `HTTP_${xhr.status}`,
          error?.message ?? `The server answered ${xhr.status}.`,
        ),
      );
    };
    xhr.send(file);
  });
}
