import { StorageError } from './errors.ts';

export interface S3ErrorContext {
  /** What was being done, e.g. "read backups/spring/latest". */
  action: string;
  bucket: string;
  region: string;
  endpoint?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
]);

/**
 * Turns whatever the AWS SDK threw into a StorageError that tells the operator which `ONDECK_*`
 * setting to check. Error codes come from the S3 API (and Ceph speaks the same ones); a HEAD
 * answer has no body, so only its status tells what went wrong.
 */
export function toStorageError(error: unknown, context: S3ErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const options = { cause: error };
  const where = context.endpoint
    ? `the storage service at ONDECK_S3_ENDPOINT (${context.endpoint})`
    : `AWS S3 in ONDECK_S3_REGION (${context.region}); set ONDECK_S3_ENDPOINT for another S3-compatible service,`;

  if ((e.code && NETWORK_CODES.has(e.code)) || name === 'TimeoutError' || /socket hang up/i.test(e.message ?? ''))
    return new StorageError(
      'STORAGE_UNREACHABLE',
      `${where} cannot be reached (${e.code ?? name}) while trying to ${context.action}`,
      context.endpoint ? 'ONDECK_S3_ENDPOINT' : 'ONDECK_S3_REGION',
      options,
    );
  switch (name) {
    case 'SignatureDoesNotMatch':
      return new StorageError(
        'STORAGE_CREDENTIALS_REJECTED',
        `ONDECK_S3_SECRET_ACCESS_KEY is not accepted by the storage service (SignatureDoesNotMatch)`,
        'ONDECK_S3_SECRET_ACCESS_KEY',
        options,
      );
    case 'InvalidAccessKeyId':
      return new StorageError(
        'STORAGE_CREDENTIALS_REJECTED',
        `ONDECK_S3_ACCESS_KEY_ID is not known to the storage service (InvalidAccessKeyId)`,
        'ONDECK_S3_ACCESS_KEY_ID',
        options,
      );
    case 'NoSuchBucket':
      return new StorageError(
        'STORAGE_BUCKET_MISSING',
        `ONDECK_S3_BUCKET names a bucket that does not exist on the storage service ("${context.bucket}", NoSuchBucket)`,
        'ONDECK_S3_BUCKET',
        options,
      );
    case 'AuthorizationHeaderMalformed':
    case 'PermanentRedirect':
    case 'IncorrectEndpoint':
      return new StorageError(
        'STORAGE_WRONG_REGION',
        `ONDECK_S3_REGION ("${context.region}") does not match the region of bucket "${context.bucket}" (${name})`,
        'ONDECK_S3_REGION',
        options,
      );
    case 'AccessDenied':
      return new StorageError(
        'STORAGE_ACCESS_DENIED',
        `the key in ONDECK_S3_ACCESS_KEY_ID may not ${context.action} in ONDECK_S3_BUCKET ("${context.bucket}") (AccessDenied)`,
        'ONDECK_S3_ACCESS_KEY_ID',
        options,
      );
    case 'NoSuchKey':
    case 'NotFound':
      return new StorageError('STORAGE_NOT_FOUND', `no object to ${context.action} in storage`, undefined, options);
    case 'InvalidRange':
      return new StorageError(
        'STORAGE_RANGE_NOT_SATISFIABLE',
        `cannot ${context.action}: the byte range starts past the end of the object`,
        undefined,
        options,
      );
  }
  if (status === 403)
    return new StorageError(
      'STORAGE_ACCESS_DENIED',
      `the storage service refused to ${context.action} (403): check ONDECK_S3_ACCESS_KEY_ID and ONDECK_S3_SECRET_ACCESS_KEY`,
      'ONDECK_S3_SECRET_ACCESS_KEY',
      options,
    );
  if (status === 404)
    return new StorageError('STORAGE_NOT_FOUND', `no object to ${context.action} in storage`, undefined, options);
  if (status !== undefined && status >= 500)
    return new StorageError(
      'STORAGE_UNAVAILABLE',
      `${where} failed to ${context.action} (${status} ${name}); it will be retried`,
      undefined,
      options,
    );
  return new StorageError(
    'STORAGE_FAILED',
    `the storage service refused to ${context.action} (${status ?? 'no status'} ${name}: ${e.message ?? ''})`,
    undefined,
    options,
  );
}
