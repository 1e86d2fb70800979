import type { Locator, Page } from 'playwright-core';

/** The returns screen and the return receipt, through their data-testids. */
export class ReturnsPage {
  constructor(readonly page: Page) {}

  readonly open = (): Locator => this.page.getByTestId('returns-open');
  readonly screen = (): Locator => this.page.getByTestId('returns');
  readonly close = (): Locator => this.page.getByTestId('returns-close');
  readonly code = (): Locator => this.page.getByTestId('return-code');
  readonly find = (): Locator => this.page.getByTestId('return-find');
  readonly message = (): Locator => this.page.getByTestId('return-message');
  /** The sale found; its id is in data-sale-id. */
  readonly sale = (): Locator => this.page.getByTestId('return-sale');
  readonly lines = (): Locator => this.page.getByTestId('return-line');
  readonly reason = (): Locator => this.page.getByTestId('return-reason');
  readonly plan = (): Locator => this.page.getByTestId('return-plan');
  readonly confirm = (): Locator => this.page.getByTestId('return-confirm');
  readonly receipt = (): Locator => this.page.getByTestId('return-receipt');
  readonly receiptClose = (): Locator => this.page.getByTestId('return-receipt-close');

  /** The line of the sale whose product name contains `name`. */
  line(name: string): Locator {
    return this.lines().filter({ hasText: name });
  }

  /** Units (or grams) of a line that can still come back. */
  async returnable(name: string): Promise<number> {
    return Number(await this.line(name).getAttribute('data-returnable'));
  }

  async typeQuantity(name: string, text: string): Promise<void> {
    await this.line(name).getByTestId('return-qty').fill(text);
  }

  private async points(scope: Locator, testId: string): Promise<number | null> {
    const el = scope.getByTestId(testId);
    if ((await el.count()) === 0) return null;
    return Number(await el.getAttribute('data-points'));
  }

  /** What the plan shows before confirming: points taken back, and the balance after. */
  readonly planTaken = (): Promise<number | null> => this.points(this.plan(), 'return-plan-taken');
  readonly planBalance = (): Promise<number | null> => this.points(this.plan(), 'return-plan-balance');
  readonly planTotalCents = async (): Promise<number> =>
    Number(await this.plan().getByTestId('return-plan-total').getAttribute('data-cents'));
  /** The same on the return receipt. */
  readonly receiptTaken = (): Promise<number | null> => this.points(this.receipt(), 'return-receipt-taken');
  readonly receiptBalance = (): Promise<number | null> =>
    this.points(this.receipt(), 'return-receipt-balance');
  readonly receiptRefunds = (): Locator => this.receipt().getByTestId('refund-tender');
}
