/** What bench/zip.ts and its server child (bench/zipServer.ts) say over Node's IPC channel. */
export const ZIP_BENCH_EVENT = 'zip-bench';

export interface ZipBenchReady {
  ready: true;
  port: number;
  organizer: string;
  dj: string;
}

export type ZipBenchRequest =
  | { id: number; cmd: 'program'; hashes: string[] }
  | { id: number; cmd: 'memory'; gc: boolean };
