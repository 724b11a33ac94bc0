import { expect, type Locator } from '@playwright/test';
import { OrganizerPage } from './OrganizerPage.ts';

/** The organiser's Results screen and a scrutineered heat's Calculations. */
export class ResultsPage extends OrganizerPage {
  async openView(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Results' }).getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { level: 2 })).toBeVisible();
  }

  async openCalculations(heat: string): Promise<void> {
    await this.page.getByRole('link', { name: new RegExp(`^Calculations of heat ${heat},`) }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(`Heat ${heat}:`);
  }

  /** The final's result table: back number, place and rule of each couple, in place order. */
  async finalRows(): Promise<Array<{ back: string; place: string; rule: string }>> {
    const rows = this.page.getByTestId('final-summary').locator('tbody tr');
    return rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '');
        return { back: cells[0] ?? '', place: cells.at(-3) ?? '', rule: cells.at(-2) ?? '' };
      }),
    );
  }

  callbacksRow(back: number): Locator {
    return this.page
      .getByTestId('callbacks')
      .locator('tbody tr')
      .filter({ hasText: String(back) });
  }
}
