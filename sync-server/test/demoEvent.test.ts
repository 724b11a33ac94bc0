import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { djPlaylist, type JoinResponse, type MusicFile, musicFiles, readProgram } from '@ondeck/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ChildServer, startChildServer } from './support/childServer.ts';
import { waitFor } from './support/clients.ts';
import { api } from './support/server.ts';

describe('npm start’s demo event', () => {
  let dataDir: string;
  let server: ChildServer;
  let banner: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ondeck-demo-'));
    server = await startChildServer(dataDir, { ONDECK_DEMO: 'true' });
    await waitFor(() => server.output().includes('Counter for a projector'), 20_000, 'the start banner');
    banner = server.output().slice(server.output().indexOf('ondeck is running.'));
  });
  afterAll(async () => {
    server.proc.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const link = (who: string) => {
    const code = new RegExp(`^ {2}${who} +http://\\S+/join/([\\w-]+)`, 'm').exec(banner)?.[1];
    if (!code) throw new Error(`no ${who} link in the banner:\n${banner}`);
    return code;
  };

  it('prints its links in one block after the start-up log lines', () => {
    const block = banner.slice(0, banner.indexOf('\n\n', banner.indexOf('Counter for a projector')));
    expect(block.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    for (const who of ['Organiser', 'DJ', 'Emcee', 'Studio staff', 'Public heat list']) link(who);
    expect(block).toMatch(/Counter for a projector +http:\/\/\S+\/join\/[\w-]+\?open=counter/);
    // The start-up lines are flushed before it (storage's only when it answers in time).
    const before = server.output().slice(0, server.output().indexOf('ondeck is running.'));
    expect(before).toContain('"msg":"listening"');
  });

  it('ships a real audio file for every song and solo, stored as an upload would be', async () => {
    const token = (await api<JoinResponse>(server, 'POST', '/api/join', { code: link('DJ') })).body.token;
    const response = await fetch(`${server.url}/api/events/demo/docs/program`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    const program = readProgram(doc);
    const wanted = musicFiles(program);
    expect(wanted.length).toBe(program.songs.size + program.solos.size);
    expect(djPlaylist(program).filter((entry) => !entry.songFile)).toEqual([]);

    const listed = await api<{ files: MusicFile[] }>(server, 'GET', '/api/events/demo/files', undefined, token);
    expect(listed.status).toBe(200);
    expect(listed.body.files.map((file) => file.sha256).sort()).toEqual([...wanted].sort());
    expect(listed.body.files.every((file) => file.type === 'audio/wav' && file.size > 40_000)).toBe(true);

    const song = await fetch(`${server.url}/api/events/demo/files/${wanted[0]}?token=${encodeURIComponent(token)}`);
    expect(song.status).toBe(200);
    const bytes = Buffer.from(await song.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString()).toBe('WAVE');
  });
});
