import type { Locator, Page } from 'playwright-core';

/** The devices settings screen and its scan test bench, through their data-testids. */
export class DevicesPage {
  constructor(readonly page: Page) {}

  readonly screen = (): Locator => this.page.getByTestId('devices-screen');
  readonly rows = (): Locator => this.page.getByTestId('device-row');
  readonly lastRaw = (): Locator => this.page.getByTestId('last-scan-raw');
  readonly lastText = (): Locator => this.page.getByTestId('last-scan-text');
  readonly lastKind = (): Locator => this.page.getByTestId('last-scan-kind');
  readonly lastSource = (): Locator => this.page.getByTestId('last-scan-source');

  row(deviceId: string): Locator {
    return this.page.locator(`[data-testid="device-row"][data-device-id="${deviceId}"]`);
  }

  state(deviceId: string): Promise<string | null> {
    return this.row(deviceId).getByTestId('device-state').textContent();
  }

  decoder(deviceId: string): Promise<string | null> {
    return this.row(deviceId).getByTestId('device-decoder').textContent();
  }

  /** From the cashier screen's header. */
  async open(): Promise<void> {
    await this.page.getByTestId('devices-open').click();
    await this.screen().waitFor();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('devices-close').click();
    await this.screen().waitFor({ state: 'detached' });
  }
}
