import { expect, type Locator, type Page } from '@playwright/test';

/** The admin's screen (`/admin`): the server's events for the holder of the admin token. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(serverUrl: string): Promise<void> {
    await this.page.goto(`${serverUrl}/admin`);
    await expect(this.page.getByRole('heading', { name: 'Events on this server', level: 1 })).toBeVisible();
  }

  async signIn(token: string): Promise<void> {
    await this.page.getByLabel('Admin token').fill(token);
    await this.page.getByRole('button', { name: 'Show the events' }).click();
  }

  /** Fills the new-event form; the id is left as the name suggests it unless one is given. */
  async create(name: string, options: { id?: string; template?: 'empty' | 'demo' } = {}): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New event' });
    await form.getByLabel('Event name').fill(name);
    if (options.id !== undefined) await form.getByLabel('Event id').fill(options.id);
    if (options.template) await form.getByLabel('Start from').selectOption(options.template);
    await form.getByRole('button', { name: 'Create event' }).click();
  }

  event(id: string): Locator {
    return this.page.locator(`[data-testid="admin-event"][data-event-id="${id}"]`);
  }

  /** The organiser invite link a row hands out. */
  async inviteLink(row: Locator): Promise<string> {
    const link = await row.getByTestId('organizer-invite').getByRole('textbox').inputValue();
    expect(link).toMatch(/\/join\/[A-Za-z0-9_-]+$/);
    return link;
  }
}
