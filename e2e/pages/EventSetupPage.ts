import { expect, type Locator } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The organiser's Event tab: settings, then the agenda, dances and studios. */
export class EventSetupPage extends AppPage {
  /** Opens one of the Event tab's screens, through its own links when one of them is open already. */
  async openSetup(screen: 'Settings' | 'Agenda' | 'Dances' | 'Studios'): Promise<void> {
    const setup = this.page.getByRole('navigation', { name: 'Event set-up' });
    if (!(await setup.isVisible())) await this.openTab('Event');
    const link = setup.getByRole('link', { name: screen });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** Types into a field that is written when left, and leaves it. */
  async type(field: Locator, text: string): Promise<void> {
    await field.fill(text);
    await field.press('Enter');
  }

  /** An agenda item's or dance's panel, opened; found by its name now, kept by its record when renamed. */
  async openItem(testId: 'agenda-item' | 'dance', name: string): Promise<Locator> {
    const named = this.page.getByTestId(testId).filter({
      has: this.page.locator('summary strong', {
        hasText: new RegExp(`^${testId === 'agenda-item' ? '\\d+\\. ' : ''}${name}$`),
      }),
    });
    const id = await named.getAttribute('data-record-id');
    const item = this.page.locator(`[data-testid="${testId}"][data-record-id="${id}"]`);
    await item.locator('summary').click();
    return item;
  }
}
