import * as Y from 'yjs';
import { encodeProgram, type Program, type ProgramData, readProgram } from '../../src/index.ts';
import { importShowcaseFixtures } from '../../src/testkit.ts';

/** The slice of node:fs used here; shared's types leave Node out so that src stays browser-safe. */
interface Fs {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}

const fs = (await import('node:fs' as string)) as Fs;
const dir = new URL('../../fixtures/showcase/fixtures/', import.meta.url).pathname;

/** The reference showcase fixtures (rubys/showcase, MIT): YAML text by table name. */
export const showcaseFiles: Record<string, string> = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [f.slice(0, -'.yml'.length), fs.readFileSync(`${dir}${f}`, 'utf8')]),
);

/** Program data as a screen reads it: written into a Yjs document and read back. */
export function asProgram(data: ProgramData): Program {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encodeProgram(data));
  return readProgram(doc);
}

export function showcaseProgram(now = new Date(2026, 10, 22, 12, 0)): Program {
  return asProgram(importShowcaseFixtures(showcaseFiles, { now }));
}
