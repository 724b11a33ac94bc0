import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The emcee's heat page: one heat, its couples and song, and the start control. */
export class EmceePage extends AppPage {
  readonly heading: Locator;
  readonly now: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.now = page.getByTestId('emcee-now');
  }

  async open(): Promise<void> {
    await this.openTab('Emcee');
    // A device that just joined the large event first loads its whole program.
    await expect(this.heading).toContainText('Heat', { timeout: 20_000 });
  }

  async expectHeat(label: string): Promise<void> {
    await expect(this.heading).toHaveText(`Heat ${label}`);
  }

  /** Starts the heat shown with the keyboard, as an emcee does between heats. */
  async startWithKey(key: 'Space' | 'Enter' = 'Space'): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async nextHeat(): Promise<void> {
    await this.page.keyboard.press('ArrowRight');
  }

  async expectOnFloor(label: string): Promise<void> {
    await expect(this.now).toContainText(`Heat ${label},`);
    await expect(this.page.getByText('On the floor', { exact: true })).toBeVisible();
  }
}
