import { expect, type Locator, type Page } from '@playwright/test';

/** What every event screen has: the sync indicator and the screen tabs. */
export class AppPage {
  readonly indicator: Locator;

  constructor(readonly page: Page) {
    this.indicator = page.getByTestId('sync-indicator');
  }

  /** Opens an invite link the way a person does: the app joins and lands on the role's home. */
  async join(link: string): Promise<void> {
    await this.page.goto(link);
    await expect(this.page).toHaveURL(/\/e\/[^/]+\/\w+/);
  }

  async expectAllSaved(timeout = 15_000): Promise<void> {
    await expect(this.indicator).toContainText('All saved', { timeout });
  }

  async expectPending(count: number): Promise<void> {
    const words = count === 1 ? '1 change not yet on the server' : `${count} changes not yet on the server`;
    await expect(this.indicator).toContainText(words);
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name }).click();
  }
}
