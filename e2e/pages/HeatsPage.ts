import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The heat list on a phone: search, "my heats", the current-heat banner. */
export class HeatsPage extends AppPage {
  readonly banner: Locator;
  readonly currentNumber: Locator;
  readonly freshness: Locator;
  readonly list: Locator;

  constructor(page: Page) {
    super(page);
    this.banner = page.getByTestId('current-heat');
    this.currentNumber = page.getByTestId('current-heat-number');
    this.freshness = page.getByTestId('current-heat-freshness');
    this.list = page.getByRole('list', { name: 'Heats' });
  }

  /** A heat's block in the list. */
  heat(label: string): Locator {
    return this.list.locator(`> li[data-heat="${label}"]`);
  }

  /** The heat numbers the list shows, in order. */
  async shownHeats(): Promise<number[]> {
    return this.list
      .locator('> li')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-heat'))));
  }

  async expectHeats(expected: number[]): Promise<void> {
    await expect.poll(() => this.shownHeats()).toEqual(expected);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search heats').fill(text);
  }

  async showMine(whose: string): Promise<void> {
    await this.page.getByRole('button', { name: 'My heats' }).click();
    await this.page.getByLabel('Whose heats').selectOption({ label: whose });
  }

  /** The current heat's number on one ballroom's line of the banner (several ballrooms). */
  currentIn(ballroom: string): Locator {
    return this.banner.locator(`[data-floors~="${ballroom}"] .now-number`);
  }

  async expectCurrent(label: string): Promise<void> {
    await expect(this.currentNumber).toHaveText(label);
  }
}
