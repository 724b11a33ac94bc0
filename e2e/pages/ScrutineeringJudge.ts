import { expect, type Locator } from '@playwright/test';
import { JudgePage } from './JudgePage.ts';

/** A judge's semi-final and final pages of a scrutineered heat. */
export class ScrutineeringJudge extends JudgePage {
  /** The "Callback?" box of a couple on a semi-final page. */
  callback(back: number): Locator {
    return this.page
      .getByTestId('couple')
      .filter({ hasText: String(back) })
      .getByRole('checkbox');
  }

  async callBack(backs: readonly number[]): Promise<void> {
    for (const back of backs) await this.callback(back).check();
    await expect(this.page.getByRole('checkbox', { checked: true })).toHaveCount(backs.length);
  }

  /** Stores the final's order as shown (each judge's first order is their own). */
  async keepOrder(): Promise<void> {
    await this.page.getByRole('button', { name: 'keep this order' }).click();
    await expect(this.page.getByText('Ranked', { exact: true })).toBeVisible();
  }
}
