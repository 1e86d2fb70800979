import type { Page } from 'playwright-core';

/** The pairing screen a till shows until it has a server and a token. */
export class PairingPage {
  constructor(readonly page: Page) {}

  async pair(serverUrl: string, code: string): Promise<void> {
    await this.page.getByTestId('pair-server-url').fill(serverUrl);
    await this.page.getByTestId('pair-code').fill(code);
    await this.page.getByTestId('pair-submit').click();
  }

  error() {
    return this.page.getByTestId('pair-error');
  }
}
