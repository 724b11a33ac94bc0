import type { MusicFile } from '@ondeck/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../lib/format.ts';
import { useEventMembership } from '../sync/hooks.ts';
import { uploadFile } from './api.ts';
import type { MusicTarget } from './mutations.ts';

export interface UploadItem {
  id: number;
  name: string;
  size: number;
  target: MusicTarget;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  sent: number;
  error?: string;
}

/** "Moon River.mp3" → "Moon River": a new song's title (DOMAIN.md §6). */
function titleOf(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim() || fileName;
}

let nextId = 1;

/**
 * Several files at once: queued, sent one after another with their progress, each written
 * into the program by `onUploaded` as soon as the server has it. A file over the server's
 * limit is refused here, before a byte is sent.
 */
export function useUploads(
  onUploaded: (target: MusicTarget, file: MusicFile, name: string) => Promise<void>,
  maxBytes: number | undefined,
) {
  const membership = useEventMembership();
  const [items, setItems] = useState<UploadItem[]>([]);
  const files = useRef(new Map<number, File>());
  const busy = useRef(false);
  const handler = useRef(onUploaded);
  handler.current = onUploaded;

  const update = useCallback((id: number, patch: Partial<UploadItem>) => {
    setItems((list) => list.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }, []);

  const add = useCallback(
    (chosen: File[], target: (file: File) => MusicTarget) => {
      const added = chosen.map((file): UploadItem => {
        const id = nextId++;
        files.current.set(id, file);
        const tooLarge = maxBytes !== undefined && file.size > maxBytes;
        return {
          id,
          name: file.name,
          size: file.size,
          target: target(file),
          status: tooLarge ? 'failed' : 'waiting',
          sent: 0,
          ...(tooLarge
            ? { error: `${formatBytes(file.size)} is more than the ${formatBytes(maxBytes)} a music file may be.` }
            : {}),
        };
      });
      setItems((list) => [...list, ...added]);
    },
    [maxBytes],
  );

  // One upload at a time, in the order chosen.
  useEffect(() => {
    if (busy.current) return;
    const item = items.find((candidate) => candidate.status === 'waiting');
    const file = item && files.current.get(item.id);
    if (!item || !file) return;
    busy.current = true;
    update(item.id, { status: 'uploading' });
    uploadFile(membership, file, (sent) => update(item.id, { sent }))
      .then(async (stored) => {
        await handler.current(item.target, stored, titleOf(item.name));
        update(item.id, { status: 'done', sent: item.size });
      })
      .catch((error: unknown) => {
        update(item.id, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        files.current.delete(item.id);
        busy.current = false;
        setItems((list) => [...list]);
      });
  }, [items, membership, update]);

  const clearFinished = useCallback(() => {
    setItems((list) => list.filter((item) => item.status === 'waiting' || item.status === 'uploading'));
  }, []);

  return { items, add, clearFinished };
}
