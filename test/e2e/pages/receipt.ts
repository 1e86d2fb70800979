import type { Locator, Page } from 'playwright-core';

/** The receipt shown after a sale, through its data-testids. */
export class ReceiptView {
  constructor(readonly page: Page) {}

  readonly receipt = (): Locator => this.page.getByTestId('receipt');
  readonly lines = (): Locator => this.page.getByTestId('receipt-line');
  readonly total = (): Locator => this.page.getByTestId('receipt-total');
  readonly change = (): Locator => this.page.getByTestId('receipt-change');
  readonly reasons = (): Locator => this.page.getByTestId('receipt-reason');
  readonly print = (): Locator => this.page.getByTestId('receipt-print');
  readonly close = (): Locator => this.page.getByTestId('receipt-close');
  readonly tierProgress = (): Locator => this.page.getByTestId('receipt-tier-progress');
  /** The claim QR code of a sale without a member; its token is in data-claim-token. */
  readonly claim = (): Locator => this.page.getByTestId('receipt-claim');
  readonly claimToken = (): Promise<string | null> => this.claim().getAttribute('data-claim-token');

  private async points(testId: string): Promise<number | null> {
    const el = this.page.getByTestId(testId);
    if ((await el.count()) === 0) return null;
    return Number(await el.getAttribute('data-points'));
  }

  /** Points this sale earned in the spendable account, whatever the language. */
  readonly earnedPoints = (): Promise<number | null> => this.points('receipt-points');
  /** The member's balance after the sale (balance rule). */
  readonly newBalance = (): Promise<number | null> => this.points('receipt-balance');
}
