import { expect, type Locator } from '@playwright/test';
import { OrganizerPage } from './OrganizerPage.ts';

export interface WalkOn {
  lead: string;
  follow: string;
  dance: string;
  kind: 'Open' | 'Closed' | 'Multi' | 'Solo';
  level: string;
}

/** The organiser's screens for the day's changes: People, Schedule, Judges, and corrections on Marks. */
export class DayOfPage extends OrganizerPage {
  /** Removes a person the way the organiser does: Remove, read the confirmation, confirm. */
  async scratchPerson(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    const dialog = this.page.getByRole('alertdialog', { name: `Remove ${name}?` });
    await expect(dialog).toContainText('not yet marked');
    await dialog.getByRole('button', { name: `Scratch ${name}`, exact: true }).click();
  }

  async restorePerson(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Restore ${name}`, exact: true }).click();
  }

  async undo(): Promise<void> {
    await this.page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  }

  async addWalkOn(walkOn: WalkOn): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a walk-on' });
    await form.getByLabel('Lead', { exact: true }).selectOption({ label: walkOn.lead });
    await form.getByLabel('Follow', { exact: true }).selectOption({ label: walkOn.follow });
    await form.getByLabel('Dance', { exact: true }).selectOption({ label: walkOn.dance });
    await form.getByLabel('Kind', { exact: true }).selectOption(walkOn.kind);
    await form.getByLabel('Level', { exact: true }).selectOption({ label: walkOn.level });
    await form.getByRole('button', { name: 'Add walk-on' }).click();
    await expect(form.getByLabel('Lead', { exact: true })).toHaveValue('');
  }

  unscheduled(names: string): Locator {
    return this.page.getByTestId('unscheduled').filter({ hasText: names });
  }

  /** "Schedule" on an unscheduled couple; resolves with the heat number it went into. */
  async schedule(names: string): Promise<number> {
    await this.unscheduled(names)
      .getByRole('button', { name: /^Schedule / })
      .click();
    const status = this.page.getByRole('region', { name: 'Unscheduled' }).getByRole('status');
    await expect(status).toContainText(names);
    return Number(/heat ([\d.]+)\.$/.exec((await status.textContent()) ?? '')?.[1]);
  }

  heat(label: string): Locator {
    return this.page.getByRole('list', { name: 'Heats' }).locator(`> li[data-heat="${label}"]`);
  }

  async scratchCouple(label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Scratch ${label}`, exact: true }).click();
  }

  async moveCouple(label: string, to: number): Promise<void> {
    await this.page.getByRole('button', { name: `Move ${label}`, exact: true }).click();
    const form = this.page.getByRole('form', { name: `Move ${label} to another heat` });
    await form.getByLabel('To heat').fill(String(to));
    await form.getByRole('button', { name: 'Move' }).click();
  }

  judge(name: string): Locator {
    return this.page.getByTestId('judge').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async setOnFloor(name: string, present: boolean): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: `On floor: ${name}` });
    await box.setChecked(present);
    await expect(box).toBeChecked({ checked: present });
  }

  async assignJudges(): Promise<void> {
    await this.page.getByRole('button', { name: 'Assign judges' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Assigned the couples' })).toBeVisible();
  }

  /** Corrects one judge's mark of one couple on the Marks screen. */
  async correct(judge: string, back: number, value: string): Promise<void> {
    await this.page.getByRole('button', { name: `Correct ${judge}’s mark for couple ${back}` }).click();
    const form = this.page.getByRole('form', { name: `Correct ${judge}’s mark for couple ${back}` });
    await form.getByLabel(`New mark from ${judge} for couple ${back}`).selectOption(value);
    await form.getByRole('button', { name: 'Save correction' }).click();
    await expect(form).toHaveCount(0);
  }
}
