import type { Locator, Page } from 'playwright-core';

/** The "Enrol member" form of the till, through its data-testids. */
export class EnrolmentForm {
  constructor(readonly page: Page) {}

  readonly openButton = (): Locator => this.page.getByTestId('enrol-open');
  readonly form = (): Locator => this.page.getByTestId('enrolment');
  readonly field = (name: string): Locator => this.page.getByTestId(`enrol-${name}`);
  readonly error = (name: string): Locator => this.page.getByTestId(`enrol-error-${name}`);
  readonly consentVersion = (): Locator => this.page.getByTestId('enrol-consent-version');

  readonly newNumber = (): Locator => this.page.getByTestId('enrol-new-number');
  readonly rangeProblem = (): Locator => this.page.getByTestId('enrol-range-problem');

  /** Chooses "new card number" and returns the number the till shows (read from data-card). */
  async issueNewNumber(): Promise<string> {
    // A controlled radio: it shows checked once the number is reserved, so click, then wait.
    await this.field('card-range').click();
    await this.newNumber().waitFor({ timeout: 10_000 });
    return (await this.newNumber().getAttribute('data-card')) ?? '';
  }

  async open(): Promise<void> {
    await this.openButton().click();
    await this.form().waitFor();
  }

  /** Fills the form as a cashier would; the card is scanned separately (wedge) or typed here. */
  async fill(values: {
    fullName?: string;
    email?: string;
    phone?: string;
    card?: string;
    marketing?: boolean;
    dataProcessing?: boolean;
  }): Promise<void> {
    for (const key of ['fullName', 'email', 'phone', 'card'] as const) {
      const v = values[key];
      if (v !== undefined) await this.field(key).fill(v);
    }
    if (values.marketing !== undefined) await this.field('marketing').setChecked(values.marketing);
    if (values.dataProcessing !== undefined) {
      await this.field('dataProcessing').setChecked(values.dataProcessing);
    }
  }

  async submit(): Promise<void> {
    await this.field('submit').click();
  }
}
