import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The judge's screens: the heat list and the heat pages. */
export class JudgePage extends AppPage {
  readonly title: Locator;

  constructor(page: Page) {
    super(page);
    this.title = page.getByRole('heading', { level: 1 });
  }

  /** The event's base URL on this device (…/e/<event>). */
  private base(): string {
    const match = /^(.*\/e\/[^/]+)/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on an event page: ${this.page.url()}`);
    return match[1];
  }

  /** Opens a heat page the way a bookmark or the jump box does. */
  async openHeat(label: string, slot?: number, layout: 'radio' | 'cards' = 'radio'): Promise<void> {
    const search = layout === 'cards' ? '?style=cards' : '';
    await this.page.goto(`${this.base()}/judge/heat/${label}${slot ? `/${slot}` : ''}${search}`);
    await this.expectHeat(label);
  }

  async expectHeat(label: string): Promise<void> {
    await expect(this.title).toContainText(`Heat ${label}:`);
  }

  /** A couple's placement or medal radio in the table layout ("Place 1", "Gold", "Finalist"). */
  choice(back: number, name: string): Locator {
    return this.page.getByRole('radio', { name: `${name}, couple ${back}`, exact: true });
  }

  /** Picks a placement or medal for a couple in the table layout. */
  async choose(back: number, name: string): Promise<void> {
    await this.choice(back, name).check();
  }

  /** Types a number mark for a couple. */
  async typeMark(back: number, value: string): Promise<void> {
    await this.page.getByRole('textbox', { name: `Mark for couple ${back}` }).fill(value);
  }

  /** Taps a feedback or Overall button ("Good job with Footwork", "Overall 4", "Gold"). */
  async tap(back: number, name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${name}, couple ${back}`, exact: true }).click();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: /^Next:/ }).click();
  }

  /** Back numbers of the couples still dancing on this page (not scratched), in reading order. */
  async backs(): Promise<number[]> {
    const texts = await this.page.locator('[data-testid="couple"]:not(.scratched) .back-number').allTextContents();
    return texts.map((text) => Number.parseInt(text, 10)).filter((n) => Number.isFinite(n));
  }
}
