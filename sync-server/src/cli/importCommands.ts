import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  apiPath,
  describeProblem,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
  plural,
} from '@ondeck/shared';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { failure, openSession, organizerToken } from './serverSession.ts';

function printPreview(preview: ImportPreview): void {
  const lines = [
    `${preview.fileName}: ${preview.size} bytes, ${preview.format === 'csv' ? 'a CSV spreadsheet' : 'a Showcase event'}`,
  ];
  if (preview.database)
    lines.push(
      `  database ${preview.database.name}${preview.database.schemaVersion ? `, schema ${preview.database.schemaVersion}` : ''}`,
    );
  for (const table of preview.tables.filter((t) => t.imported && t.rows > 0))
    lines.push(`  ${table.table}: ${table.rows}`);
  for (const skipped of preview.skipped) lines.push(`  left out: ${skipped}`);
  if (preview.music)
    lines.push(`  music: ${preview.music.found} of ${preview.music.attached} attached files in the upload`);
  const { collections, marks, settings } = preview.changes;
  lines.push(preview.reimport ? 'Changes (a re-import):' : 'Changes:');
  for (const [name, c] of Object.entries(collections))
    if (c.added + c.changed + c.removed > 0)
      lines.push(`  ${name}: ${c.added} added, ${c.changed} changed, ${c.removed} removed`);
  if (settings.length > 0) lines.push(`  settings: ${settings.map((s) => s.key).join(', ')}`);
  lines.push(
    `  marks: ${marks.added} added, ${marks.updated} updated, ${marks.keptNewer} newer in ondeck kept, ${marks.unchanged} unchanged`,
  );
  if (preview.problems.length > 0) {
    lines.push(`${plural(preview.problems.length, 'problem')}:`);
    for (const problem of preview.problems) lines.push(`  ${problem.severity}: ${describeProblem(problem)}`);
  }
  console.log(lines.join('\n'));
}

/**
 * `import <event> <file> [--format showcase|csv] [--commit]`: uploads the file, prints its
 * preview, and with --commit brings it in (refused, with its problems, when it has errors).
 */
export async function importCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; file: string; format: ImportFormat; commit: boolean },
): Promise<void> {
  const size = statSync(input.file).size;
  const session = await openSession(config, await organizerToken(config, catalog, input.eventId));
  try {
    console.log(`Importing into ${input.eventId} through ${session.where}.`);
    const path = apiPath(
      'uploadImport',
      { eventId: input.eventId },
      { format: input.format, name: basename(input.file) },
    );
    const uploaded = await session.call('POST', path, {
      stream: createReadStream(input.file),
      length: size,
    });
    if (uploaded.status !== 201) throw failure(uploaded.status, uploaded.body);
    const preview = JSON.parse(uploaded.body.toString('utf8')) as ImportPreview;
    printPreview(preview);
    if (!input.commit) {
      console.log(`Not committed: run again with --commit to bring it in (upload ${preview.id} waits for a day).`);
      return;
    }
    const committed = await session.call(
      'POST',
      apiPath('commitImport', { eventId: input.eventId, importId: preview.id }),
    );
    if (committed.status !== 200) throw failure(committed.status, committed.body);
    const result = JSON.parse(committed.body.toString('utf8')) as ImportResult;
    console.log(
      `Committed at ${result.committedAt}.${result.music ? ` ${plural(result.music.stored, 'music file')} stored.` : ''}`,
    );
    for (const skipped of result.music?.skipped ?? []) console.log(`  music left out: ${skipped}`);
  } finally {
    await session.close();
  }
}

/** `export <event> (--showcase <file> | --csv <file>)`: the marks, into a Showcase database copy or a CSV. */
export async function exportCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; showcase?: string; csv?: string },
): Promise<void> {
  const session = await openSession(config, await organizerToken(config, catalog, input.eventId));
  try {
    for (const [route, file] of [
      ['exportShowcase', input.showcase],
      ['exportMarksCsv', input.csv],
    ] as const) {
      if (!file) continue;
      const response = await session.call('GET', apiPath(route, { eventId: input.eventId }));
      if (response.status !== 200) throw failure(response.status, response.body);
      writeFileSync(file, response.body);
      console.log(`Wrote ${file} (${response.body.length} bytes).`);
    }
  } finally {
    await session.close();
  }
}
