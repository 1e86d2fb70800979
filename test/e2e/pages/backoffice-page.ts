import type { Locator, Page } from 'playwright-core';

/**
 * The back office (renderer/backoffice.html at /backoffice) as a manager uses it, through its
 * data-testids: sign in, the nav, the exceptions list and detail, the member look-up, the audit trail.
 */
export class BackofficePage {
  constructor(readonly page: Page) {}

  readonly signInError = (): Locator => this.page.getByTestId('bo-signin-error');
  readonly user = (): Locator => this.page.getByTestId('bo-user');
  readonly syncSummary = (): Locator => this.page.getByTestId('bo-sync-summary');
  readonly exceptionRows = (): Locator => this.page.getByTestId('bo-exception-row');
  readonly exceptionStatus = (): Locator => this.page.getByTestId('bo-exception-status');
  readonly involvedEvents = (): Locator => this.page.getByTestId('bo-involved-event');
  readonly actionDone = (): Locator => this.page.getByTestId('bo-action-done');
  readonly actionError = (): Locator => this.page.getByTestId('bo-action-error');
  readonly memberBalance = (): Locator => this.page.getByTestId('bo-member-balance');
  readonly ledgerRows = (): Locator => this.page.getByTestId('bo-ledger-row');
  readonly auditRows = (): Locator => this.page.getByTestId('bo-audit-row');

  async open(serverUrl: string): Promise<void> {
    await this.page.goto(new URL('/backoffice', serverUrl).toString());
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.page.getByTestId('bo-login').fill(login);
    await this.page.getByTestId('bo-password').fill(password);
    await this.page.getByTestId('bo-signin-submit').click();
  }

  async go(page: 'sync' | 'exceptions' | 'endOfDay' | 'reports' | 'audit' | 'member'): Promise<void> {
    await this.page.getByTestId(`bo-nav-${page}`).click();
  }

  async filterKind(kind: string): Promise<void> {
    await this.page.getByTestId('bo-filter-kind').selectOption(kind);
  }

  /** Opens the first listed exception of this kind. */
  async openException(kind: string): Promise<void> {
    await this.page
      .locator(`[data-testid=bo-exception-row][data-kind="${kind}"]`)
      .first()
      .getByTestId('bo-exception-open')
      .click();
    await this.page.getByTestId('bo-exception-detail').waitFor();
  }

  /** Resolves the open exception with this resolution code and note, confirming when asked. */
  async resolve(resolution: string, note: string): Promise<void> {
    await this.page.getByTestId('bo-note').fill(note);
    await this.page.getByTestId(`bo-resolve-${resolution}`).click();
    const confirm = this.page.getByTestId('bo-confirm-yes');
    if (await confirm.isVisible()) await confirm.click();
  }

  async lookUpMember(ref: string): Promise<void> {
    await this.page.getByTestId('bo-member-ref').fill(ref);
    await this.page.getByTestId('bo-member-look').click();
    await this.page.getByTestId('bo-member').waitFor();
  }

  async auditForMember(memberId: string): Promise<void> {
    await this.go('audit');
    await this.page.getByTestId('bo-audit-member').fill(memberId);
  }
}
