import { expect } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The organiser's screens: event details, people, invites. */
export class OrganizerPage extends AppPage {
  async renameEvent(name: string): Promise<void> {
    await this.openTab('Event');
    const field = this.page.getByLabel('Event name');
    await field.fill(name);
    await this.page.getByRole('button', { name: 'Save details' }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(name);
  }

  async addPerson(name: string, type = 'Judge'): Promise<void> {
    await this.openTab('People');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Type').selectOption(type);
    await this.page.getByRole('button', { name: 'Add person' }).click();
    await expect(this.page.getByLabel('Name', { exact: true })).toHaveValue('');
  }

  person(displayName: string) {
    return this.page.getByTestId('person').filter({ hasText: displayName });
  }
}
