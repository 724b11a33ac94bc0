import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The built CLI (`npm run ondeck -- …` runs this file). */
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

export const run = promisify(execFile);

/** What a CLI run that exits non-zero leaves: its exit code and what it said. */
export interface CliFailure {
  code: number;
  stderr: string;
}

/** The CLI with a fixed environment: `cli` resolves with its output, `failing` with its failure (a success throws). */
export function cliWith(env: NodeJS.ProcessEnv) {
  const cli = (...args: string[]) => run(process.execPath, [CLI, ...args], { env });
  const failing = async (...args: string[]): Promise<CliFailure> => {
    try {
      await cli(...args);
    } catch (error) {
      return error as CliFailure;
    }
    throw new Error(`${args.join(' ')} succeeded`);
  };
  return { cli, failing };
}
