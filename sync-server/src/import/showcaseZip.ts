import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Entry, ZipFile } from 'yauzl';
import { ApiErrors, AppError } from '../errors.ts';

const ZIP_MAGIC = [0x50, 0x4b];

export function isZip(head: Uint8Array): boolean {
  return (
    head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1] && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1
  );
}

/** A Showcase event as a ZIP: its database and the Active Storage folder with its music. */
export interface ShowcaseZip {
  /** The database's path in the ZIP, and its bytes. */
  databaseName: string;
  database: Buffer;
  /** Files of the storage folder by Active Storage key. */
  storage: Map<string, Entry>;
  /** Other entries that hold nothing ondeck reads (a `-wal` file, other folders). */
  ignored: string[];
  open(entry: Entry): Promise<Readable>;
  close(): void;
}

const damaged = (why: string) => new ApiErrors.ZIP_CORRUPT(why);

/**
 * An Active Storage disk service keeps a file under `<root>/<key[0..2]>/<key[2..4]>/<key>`; a
 * ZIP of the storage folder holds that path below whatever folders it was made from.
 */
function storageKey(path: string): string | null {
  const parts = path.split('/');
  const [key, second, first] = [parts.at(-1), parts.at(-2), parts.at(-3)];
  if (!key || !first || !second || !/^[a-z0-9]{20,64}$/.test(key)) return null;
  return key.slice(0, 2) === first && key.slice(2, 4) === second ? key : null;
}

/** More files than an event's storage folder could hold: a ZIP made to exhaust memory. */
const MAX_ENTRIES = 100_000;

function readDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) return reject(new Error(`it lists more than ${MAX_ENTRIES} files`));
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/**
 * Opens an uploaded ZIP: exactly one `.sqlite3` database (read into memory, at most
 * `maxDatabaseBytes`) and the storage folder's files, left in the ZIP until the commit streams
 * them to object storage. Throws `ZIP_CORRUPT`, `ZIP_WITHOUT_DATABASE` or
 * `ZIP_SEVERAL_DATABASES` with what the ZIP holds.
 */
export async function openShowcaseZip(path: string, maxDatabaseBytes: number): Promise<ShowcaseZip> {
  // NOTE: yauzl is loaded at the first import: a server at rest does without it (issue 19).
  const { openPromise } = await import('yauzl');
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw damaged((error as Error).message);
  }
  try {
    const entries = await readDirectory(zip).catch((error: Error) => {
      throw damaged(error.message);
    });
    const files = entries.filter((entry) => !entry.fileName.endsWith('/'));
    const databases = files.filter((entry) => /\.sqlite3?$/i.test(entry.fileName));
    if (databases.length === 0)
      throw new ApiErrors.ZIP_WITHOUT_DATABASE(
        `${
          files.length === 0
            ? 'nothing'
            : files
                .slice(0, 5)
                .map((e) => e.fileName)
                .join(', ')
        }${files.length > 5 ? '…' : ''}`,
      );
    if (databases.length > 1)
      throw new ApiErrors.ZIP_SEVERAL_DATABASES(databases.length, databases.map((e) => e.fileName).join(', '));
    const entry = databases[0] as Entry;
    if (entry.isEncrypted()) throw damaged(`${entry.fileName} is encrypted`);
    if (entry.uncompressedSize > maxDatabaseBytes)
      throw new ApiErrors.IMPORT_TOO_LARGE(
        `The database in the ZIP is ${entry.uncompressedSize} bytes, more than the ${maxDatabaseBytes} an import may be (ONDECK_MAX_IMPORT_BYTES).`,
      );
    const open = async (which: Entry): Promise<Readable> => {
      try {
        return await zip.openReadStreamPromise(which);
      } catch (error) {
        throw damaged(`${which.fileName}: ${(error as Error).message}`);
      }
    };
    const database = await buffer(await open(entry)).catch((error: Error) => {
      throw error instanceof AppError ? error : damaged(`${entry.fileName}: ${error.message}`);
    });
    const storage = new Map<string, Entry>();
    const ignored: string[] = [];
    for (const file of files) {
      if (file === entry) continue;
      const key = storageKey(file.fileName);
      if (key) storage.set(key, file);
      else ignored.push(file.fileName);
    }
    return { databaseName: entry.fileName, database, storage, ignored, open, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}
