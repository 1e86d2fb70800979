import type { CDPSession, Locator, Page } from 'playwright-core';

/** The cashier screen, through its data-testids. */
export class CheckoutPage {
  constructor(readonly page: Page) {}

  readonly scanInput = (): Locator => this.page.getByTestId('scan-input');
  readonly lines = (): Locator => this.page.getByTestId('line');
  readonly total = (): Locator => this.page.getByTestId('basket-total');
  readonly message = (): Locator => this.page.getByTestId('checkout-message');
  /** The till's message area while it shows an error. */
  readonly alert = (): Locator => this.page.locator('[data-testid="checkout-message"][role="alert"]');
  readonly tendered = (): Locator => this.page.getByTestId('tendered-amount');
  readonly changeDue = (): Locator => this.page.getByTestId('change-due');
  /** The sync state as shown, in the store's language. */
  readonly syncState = (): Locator => this.page.getByTestId('sync-state');
  readonly syncWaiting = (): Locator => this.page.getByTestId('sync-waiting');
  /** 'offline' | 'refused' | 'syncing' | 'synced', whatever the language on screen. */
  readonly syncStateValue = (): Promise<string | null> => this.syncState().getAttribute('data-state');
  /** How many journal events wait for the server, whatever the language on screen. */
  readonly syncWaitingCount = async (): Promise<number> =>
    Number(await this.syncWaiting().getAttribute('data-count'));
  readonly completeButton = (): Locator => this.page.getByTestId('complete-sale');
  readonly cashButton = (): Locator => this.page.getByTestId('tender-cash');
  readonly memberCard = (): Locator => this.page.getByTestId('member-card');
  /** The store's name in the header, from the replicated store settings. */
  readonly storeName = (): Locator => this.page.getByTestId('store-name');

  line(code: string): Locator {
    return this.page.locator(`[data-testid="line"][data-code="${code}"]`);
  }

  private cdp?: CDPSession;

  /**
   * Types a code the way a keyboard-wedge scanner does, into whatever has the focus: a burst of
   * real key events 8 ms apart and Enter. The keys go through Chromium's input pipeline (CDP
   * Input.dispatchKeyEvent) stamped with the scanner's timing, as the OS stamps a USB scanner's
   * keys — Playwright's keyboard.type would time them by CDP round trips, which on a loaded
   * 2-core machine now and then exceed the 50 ms a scanner never does.
   */
  async wedgeScan(code: string, msPerKey = 8): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    const cdp = this.cdp;
    const t0 = Date.now() / 1000;
    const keys = [...code, 'Enter'];
    await Promise.all(
      keys.flatMap((key, i) => {
        const at = t0 + (i * msPerKey) / 1000;
        const k = keyFields(key);
        return [
          cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...k, timestamp: at }),
          cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...k, text: undefined, timestamp: at + 0.002 }),
        ];
      }),
    );
  }

  /** A person keying a code into the barcode field. */
  async typeCode(code: string): Promise<void> {
    await this.scanInput().click();
    await this.page.keyboard.type(code, { delay: 90 });
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the server has everything (the indicator says so in any language). */
  async waitSynced(timeout = 30_000): Promise<void> {
    await this.page.locator('[data-testid="sync-state"][data-state="synced"]').waitFor({ timeout });
  }

  async payCash(tenderedText: string): Promise<void> {
    await this.cashButton().click();
    await this.tendered().fill(tenderedText);
  }

  async completeSale(): Promise<void> {
    await this.page.getByTestId('complete-sale').click();
  }
}

function keyFields(key: string) {
  if (key === 'Enter') return { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  const digit = /^\d$/.test(key);
  return {
    key,
    code: digit ? `Digit${key}` : `Key${key.toUpperCase()}`,
    windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0),
    text: key,
  };
}
