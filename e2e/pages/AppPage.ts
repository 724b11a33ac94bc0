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

  /**
   * Nothing waits for the server. A read-only role's chip (staff, public) names only the
   * connection and adds the detail when something waits, so "Online" alone says the same.
   */
  async expectAllSaved(timeout = 15_000): Promise<void> {
    await expect(this.indicator).toHaveText(/All saved|^Online$/, { timeout });
  }

  async expectPending(count: number): Promise<void> {
    const words = count === 1 ? '1 change not yet on the server' : `${count} changes not yet on the server`;
    await expect(this.indicator).toContainText(words);
  }

  async openTab(name: string): Promise<void> {
    const tab = this.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name });
    // NOTE: right after joining, the shell re-renders as the event's data arrives and a click
    // can land on a tab that is being replaced; the tab is open once it is the current one.
    await expect(async () => {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-current', 'page', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Opens a screen by its tab; it is open once its heading (the tab's name) shows. */
  async openScreen(name: string): Promise<void> {
    await this.openTab(name);
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }
}
