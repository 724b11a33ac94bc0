import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The DJ's music screen: the offline panel, the running order, the player. */
export class DjPage extends AppPage {
  readonly stored: Locator;
  readonly status: Locator;
  readonly audio: Locator;

  constructor(page: Page) {
    super(page);
    this.stored = page.getByTestId('music-stored');
    this.status = page.getByTestId('music-status');
    this.audio = page.getByTestId('player-audio');
  }

  async open(): Promise<void> {
    await this.openScreen('Music');
  }

  async makeAvailableOffline(): Promise<void> {
    await this.page.getByRole('button', { name: 'Make available offline' }).click();
  }

  async expectEverySongStored(count: number, timeout = 30_000): Promise<void> {
    await expect(this.stored).toContainText(`${count} of ${count} songs`, { timeout });
    await expect(this.status).toContainText('Every song is on this device', { timeout });
  }

  /** How many songs the panel says are on the device. */
  async storedCount(): Promise<number> {
    return Number(/(\d+) of/.exec((await this.stored.textContent()) ?? '')?.[1] ?? 0);
  }

  track(heatLabel: string): Locator {
    return this.page
      .getByTestId('track')
      .filter({ has: this.page.locator('.track-heat', { hasText: new RegExp(`^${heatLabel}$`) }) });
  }

  async play(heatLabel: string): Promise<void> {
    await this.track(heatLabel)
      .getByRole('button', { name: new RegExp(`^Play heat ${heatLabel}:`) })
      .click();
  }

  /** The player reached "playing", from the copy on this device (not the server). */
  async expectPlayingFromDevice(): Promise<void> {
    await expect(this.audio).toHaveAttribute('data-source', 'device');
    await expect(this.audio).toHaveAttribute('data-state', 'playing');
    await expect(this.page.getByRole('region', { name: 'Player' })).toContainText('From this device');
  }
}
