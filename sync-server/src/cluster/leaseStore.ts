import type { S3Client } from '@aws-sdk/client-s3';
import { toStorageError } from '../objectStore/s3Errors.ts';
import type { S3Settings } from '../objectStore/storageConfig.ts';

/**
 * An event's lease as stored in the bucket (`cluster/leases/<eventId>`). Nodes change it only
 * with a conditional write (`If-None-Match: *` to create, `If-Match: <etag>` to replace), so
 * of two nodes writing at once exactly one wins.
 */
export interface LeaseRecord {
  event: string;
  /** The node that serves the event (ONDECK_CLUSTER_NODE). */
  holder: string;
  /** The holder's process: a node that restarts is a new incarnation with no lease. */
  incarnation: string;
  /** Where the holder answers `/up` (ONDECK_CLUSTER_URL), to find out whether it is gone. */
  url?: string;
  /** Counts takeovers: +1 each time another node (or incarnation) acquires the event. */
  generation: number;
  /** Counts writes, so that no two writes have the same bytes, hence the same ETag. */
  sequence: number;
  /** The holder's wall clock at the write, for people reading it; nodes never compare clocks. */
  writtenAt: string;
  /** The holder stopped serving and backed the event up: anyone may take it at once. */
  released: boolean;
  /** A node the proxy sends the event to asks the holder to hand it over. */
  handoverTo?: string;
}

export interface StoredLease {
  record: LeaseRecord;
  etag: string;
}

/** The conditional write lost: someone else changed (or created) the lease first. */
export class LeaseConflict extends Error {
  constructor(event: string) {
    super(`the lease of ${event} changed under this write`);
    this.name = 'LeaseConflict';
  }
}

const PREFIX = 'cluster/leases/';

export function leaseKey(eventId: string): string {
  return `${PREFIX}${eventId}`;
}

/**
 * Reads and conditionally writes leases in the S3 bucket.
 * NOTE: Ceph 16's RGW compares `If-Match` with the ETag as stored, without the quotes S3 puts
 * around it in answers, and refuses the quoted form (verified against the test cluster); AWS
 * accepts the bare form as well, so the bare form is sent.
 */
export class LeaseStore {
  private client: Promise<S3Client> | null = null;

  constructor(private readonly settings: S3Settings) {}

  async read(eventId: string): Promise<StoredLease | null> {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const client = await this.connect();
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: leaseKey(eventId) }));
      const text = (await answer.Body?.transformToString()) ?? '';
      return { record: parseLease(text, eventId), etag: bare(answer.ETag ?? '') };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw this.storageError(error, `read ${leaseKey(eventId)}`);
    }
  }

  /** Writes `record` if the lease is still `etag` (null: if there is none yet); returns the new ETag. */
  async write(record: LeaseRecord, etag: string | null): Promise<string> {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const client = await this.connect();
    try {
      const answer = await client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: leaseKey(record.event),
          Body: JSON.stringify(record),
          ContentType: 'application/json',
          ...(etag === null ? { IfNoneMatch: '*' } : { IfMatch: etag }),
        }),
      );
      return bare(answer.ETag ?? '');
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // 409: AWS answers a conditional create racing another one with ConditionalRequestConflict.
      if (status === 412 || status === 409) throw new LeaseConflict(record.event);
      throw this.storageError(error, `write ${leaseKey(record.event)}`);
    }
  }

  close(): void {
    void this.client?.then((client) => client.destroy());
  }

  private storageError(error: unknown, action: string) {
    const { bucket, region, endpoint } = this.settings;
    return toStorageError(error, { action, bucket, region, ...(endpoint === undefined ? {} : { endpoint }) });
  }

  private connect(): Promise<S3Client> {
    this.client ??= (async () => {
      const { S3Client } = await import('@aws-sdk/client-s3');
      const s = this.settings;
      return new S3Client({
        region: s.region,
        ...(s.endpoint === undefined ? {} : { endpoint: s.endpoint }),
        forcePathStyle: s.forcePathStyle,
        credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
        // NOTE: one attempt: the lease loop retries on its own clock, and a write retried by the
        // SDK after a lost answer would fail its own precondition.
        maxAttempts: 1,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        requestHandler: { connectionTimeout: 2_000, requestTimeout: 4_000 },
      });
    })();
    return this.client;
  }
}

function bare(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

/** A lease from the bucket is input like any other: one that does not parse is refused loudly. */
function parseLease(text: string, eventId: string): LeaseRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the lease of ${eventId} in storage is not JSON`);
  }
  const r = value as Partial<LeaseRecord>;
  if (
    typeof r !== 'object' ||
    r === null ||
    r.event !== eventId ||
    typeof r.holder !== 'string' ||
    typeof r.incarnation !== 'string' ||
    typeof r.generation !== 'number' ||
    typeof r.sequence !== 'number' ||
    typeof r.released !== 'boolean' ||
    (r.handoverTo !== undefined && typeof r.handoverTo !== 'string') ||
    (r.url !== undefined && !(typeof r.url === 'string' && /^https?:\/\/[^\s/?#]+$/.test(r.url)))
  )
    throw new Error(`the lease of ${eventId} in storage is malformed`);
  return r as LeaseRecord;
}
