import { ConfigError, loadConfig } from '../../src/config.ts';

/** The configuration an environment gives, with no client build to look for. */
export const loadTestConfig = (env: Record<string, string>) => loadConfig(env, { defaultClientDir: null });

/** What is wrong with an environment, as the server would say it at start; none when it loads. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadTestConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
