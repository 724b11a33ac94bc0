import { type Program, readMarks, type ScoredHeat, scoredHeats, scoresDocName } from '@ondeck/shared';
import type { BrowserContext } from '@playwright/test';
import { JudgePage } from '../pages/JudgePage.ts';
import { serverDoc } from './api.ts';
import { expect, waitForServiceWorker } from './fixtures.ts';
import type { TestServer } from './server.ts';

/** Scores a judge typed offline, by the couple's heat id: the heat's label and the score. */
export type TypedScores = Map<string, { label: string; value: string }>;

/** The first `count` solo heats with a couple on the floor. */
export function soloHeats(program: Program, count: number): ScoredHeat[] {
  const solos = scoredHeats(program)
    .filter((h) => h.scale === 'solo' && h.view.onFloor > 0)
    .slice(0, count);
  expect(solos).toHaveLength(count);
  return solos;
}

/** The heat id of the couple dancing a solo, whose score the Score box holds. */
export function soloCouple(heat: ScoredHeat): string {
  const entry = heat.view.entries.find((e) => !e.scratched);
  if (!entry) throw new Error(`solo heat ${heat.view.label} has no couple`);
  return entry.heat.id;
}

/** A judge's tablet that joined, has everything saved, runs from its service worker, then loses its network. */
export async function offlineJudge(context: BrowserContext, link: string): Promise<JudgePage> {
  const judge = new JudgePage(await context.newPage());
  await judge.join(link);
  await judge.expectAllSaved();
  await waitForServiceWorker(judge.page);
  await context.setOffline(true);
  return judge;
}

/**
 * Every typed score is a change waiting on the device (`pending` of them) and shows in its
 * heat; back online, each reaches the server as typed.
 */
export async function expectScoresKept(
  judge: JudgePage,
  typed: TypedScores,
  pending: number,
  at: { server: TestServer; eventId: string; token: string; judgeId: string },
): Promise<void> {
  await expect(judge.indicator).toContainText('Offline');
  await judge.expectPending(pending);
  for (const { label, value } of typed.values()) {
    await judge.openHeat(label);
    await expect(judge.page.getByLabel('Score')).toHaveValue(value);
  }
  await judge.page.context().setOffline(false);
  await judge.expectAllSaved(30_000);
  const stored = readMarks(await serverDoc(at.server, at.eventId, at.token, scoresDocName(at.judgeId)));
  for (const [heatId, { label, value }] of typed)
    expect(stored.get(`h/${heatId}/0`)?.value, `heat ${label}`).toBe(value);
}
