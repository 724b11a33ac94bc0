import type { Locator, Page } from '@playwright/test';

/** The organiser's view of the venue link, on the Invites screen: one card per other server. */
export class ServerLinks {
  readonly panel: Locator;
  readonly card: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('server-links');
    this.card = this.panel.getByTestId('server-link');
  }
}
