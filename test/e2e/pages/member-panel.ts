import type { Locator, Page } from 'playwright-core';

/** The member of the sale and what the basket earns, through their data-testids. */
export class MemberPanel {
  constructor(readonly page: Page) {}

  readonly panel = (): Locator => this.page.getByTestId('member-panel');
  readonly member = (): Locator => this.page.getByTestId('member');
  readonly name = (): Locator => this.page.getByTestId('member-name');
  readonly tier = (): Locator => this.page.getByTestId('member-tier');
  readonly balanceText = (): Locator => this.page.getByTestId('member-balance');
  readonly unsynced = (): Locator => this.page.getByTestId('member-unsynced');
  readonly remove = (): Locator => this.page.getByTestId('member-remove');
  /** The member's own referral code, to give to a friend. */
  readonly referralCode = (): Locator => this.page.getByTestId('member-referral-code');
  readonly earns = (): Locator => this.page.getByTestId('loyalty-earns');
  readonly traceLines = (): Locator => this.page.getByTestId('trace-line');
  readonly hint = (): Locator => this.page.getByTestId('loyalty-hint');

  /** The member id on the sale, '' for a provisional card, null when nobody is on it. */
  async memberId(): Promise<string | null> {
    if ((await this.member().count()) === 0) return null;
    return this.member().getAttribute('data-member-id');
  }

  /** The spendable balance as the till computes it (the balance rule), whatever the language. */
  async balance(): Promise<number | null> {
    if ((await this.balanceText().count()) === 0) return null;
    return Number(await this.balanceText().getAttribute('data-points'));
  }

  /** Points of this terminal not yet folded by the server (0 when none are shown). */
  async unsyncedPoints(): Promise<number> {
    if ((await this.unsynced().count()) === 0) return 0;
    return Number(await this.unsynced().getAttribute('data-points'));
  }

  /** Points the open basket earns in the spendable account. */
  async earnedPoints(): Promise<number> {
    if ((await this.earns().count()) === 0) return 0;
    return Number(await this.earns().getAttribute('data-points'));
  }
}
