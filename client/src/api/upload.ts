import { answerError, ClientErrorCode, parseJson, RequestError } from './client.ts';

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
      reject(
        new RequestError(0, ClientErrorCode.NETWORK, 'The upload was cut off: check the connection and try again.'),
      );
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === expectedStatus) return resolve(body as T);
      reject(answerError(xhr.status, body));
    };
    xhr.send(file);
  });
}
