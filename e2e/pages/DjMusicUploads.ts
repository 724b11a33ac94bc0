import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';

/** The organiser's music screen, where the DJ's songs and solo music are uploaded. */
export class DjMusicUploads extends AppPage {
  readonly uploadStatus: Locator;

  constructor(page: Page) {
    super(page);
    this.uploadStatus = page.getByTestId('upload-status');
  }

  async open(): Promise<void> {
    await this.openScreen('Music');
  }

  async addSongs(dance: string, files: string[]): Promise<void> {
    await this.page.getByLabel(`Add songs to ${dance}`, { exact: true }).setInputFiles(files);
  }

  async uploadSongFile(title: string, file: string): Promise<void> {
    await this.page.getByLabel(`Upload file for ${title}`, { exact: true }).setInputFiles(file);
  }

  async uploadSoloMusic(heatLabel: string, file: string): Promise<void> {
    await this.page.getByLabel(`Upload music for heat ${heatLabel}`, { exact: true }).setInputFiles(file);
  }

  async expectUploaded(done: number, of: number, refused = 0): Promise<void> {
    await expect(this.uploadStatus).toHaveText(
      `${done} of ${of} files uploaded${refused > 0 ? `, ${refused} refused` : ''}.`,
      { timeout: 20_000 },
    );
  }
}
