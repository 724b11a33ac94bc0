import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from '../device/hooks.ts';
import { useEventMembership } from '../sync/hooks.ts';
import { fileUrl, listFiles } from './api.ts';
import { musicDownloads } from './downloads.ts';
import { type Library, readSong, watchLibrary } from './library.ts';

/** The event's songs on this device, live; undefined until first read. */
export function useLibrary(): Library | undefined {
  const { eventId } = useEventMembership();
  return useLiveQuery(() => watchLibrary(eventId), `library:${eventId}`);
}

/** The event's offline-music downloads, fed with the songs its program names. */
export function useDownloads(songFiles: string[]) {
  const membership = useEventMembership();
  const manager = musicDownloads(membership);
  const state = useSyncExternalStore(manager.subscribe, manager.snapshot);
  const key = songFiles.join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the joined hashes are the list's identity
  useEffect(() => manager.setSongs(songFiles), [manager, key]);
  return { state, start: () => manager.start(), free: () => manager.free() };
}

/** The event's uploaded files and the upload limit (plain HTTP: TanStack Query). */
export function useEventFiles() {
  const membership = useEventMembership();
  return useQuery({
    queryKey: ['events', membership.eventId, 'files'],
    queryFn: () => listFiles(membership),
  });
}

export interface NowPlaying {
  key: string;
  /** Where the bytes come from: this device's copy, or the server. */
  source: 'device' | 'server';
}

/**
 * One player for the whole screen: `play` takes the stored copy when this device has one —
 * online or not — and the server's file otherwise.
 */
export function usePlayer() {
  const membership = useEventMembership();
  const audio = useRef<HTMLAudioElement>(null);
  const [now, setNow] = useState<NowPlaying | null>(null);
  const objectUrl = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    },
    [],
  );
  const play = useCallback(
    async (key: string, sha256: string) => {
      const element = audio.current;
      if (!element) return;
      const blob = await readSong(membership.eventId, sha256).catch(() => null);
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
      objectUrl.current = blob ? URL.createObjectURL(blob) : null;
      element.src = objectUrl.current ?? fileUrl(membership, sha256);
      setNow({ key, source: blob ? 'device' : 'server' });
      // A refused play() (no file, no network) shows on the element's error event.
      await element.play().catch(() => {});
    },
    [membership],
  );
  return { audio, now, play };
}
