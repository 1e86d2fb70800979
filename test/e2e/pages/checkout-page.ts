import type { Locator, Page } from 'playwright-core';

/** The cashier screen, through its data-testids. */
export class CheckoutPage {
  constructor(readonly page: Page) {}

  readonly scanInput = (): Locator => this.page.getByTestId('scan-input');
  readonly lines = (): Locator => this.page.getByTestId('line');
  readonly total = (): Locator => this.page.getByTestId('basket-total');
  readonly message = (): Locator => this.page.getByTestId('checkout-message');
  readonly alert = (): Locator => this.page.getByRole('alert');
  readonly tendered = (): Locator => this.page.getByTestId('tendered-amount');
  readonly changeDue = (): Locator => this.page.getByTestId('change-due');
  readonly syncState = (): Locator => this.page.getByTestId('sync-state');
  readonly syncWaiting = (): Locator => this.page.getByTestId('sync-waiting');
  readonly memberCard = (): Locator => this.page.getByTestId('member-card');

  line(code: string): Locator {
    return this.page.locator(`[data-testid="line"][data-code="${code}"]`);
  }

  /**
   * Types a code the way a keyboard-wedge scanner does: a fast burst of keys and Enter, into
   * whatever has the focus.
   */
  async wedgeScan(code: string): Promise<void> {
    await this.page.keyboard.type(code, { delay: 4 });
    await this.page.keyboard.press('Enter');
  }

  /** A person keying a code into the barcode field. */
  async typeCode(code: string): Promise<void> {
    await this.scanInput().click();
    await this.page.keyboard.type(code, { delay: 90 });
    await this.page.keyboard.press('Enter');
  }

  async payCash(tenderedText: string): Promise<void> {
    await this.page.getByTestId('tender-cash').click();
    await this.tendered().fill(tenderedText);
  }

  async completeSale(): Promise<void> {
    await this.page.getByTestId('complete-sale').click();
  }
}
