import type { Locator, Page } from 'playwright-core';

/**
 * Manager mode at the till (issue 10), as a person uses it: the header's "Manager" button, the
 * PIN dialog, and the manager screen's tabs — named by their roles and labels, the figures read
 * through data-testids.
 */
export class ManagerModePage {
  constructor(readonly page: Page) {}

  readonly openButton = (): Locator => this.page.getByRole('button', { name: 'Manager', exact: true });
  readonly pinDialog = (): Locator =>
    this.page.getByRole('dialog', { name: 'Manager mode' }).and(this.page.getByTestId('manager-pin-dialog'));
  readonly pinProblem = (): Locator => this.page.getByTestId('manager-pin-problem');
  readonly screen = (): Locator => this.page.getByTestId('manager-screen');
  readonly managerName = (): Locator => this.page.getByTestId('manager-screen-name');
  readonly tab = (name: 'Sync status' | 'Close shift'): Locator => this.screen().getByRole('tab', { name });
  readonly back = (): Locator => this.screen().getByRole('button', { name: 'Back to the sale' });

  /** Opens the PIN dialog and enters the PIN for the manager named (the dialog stays if it is wrong). */
  async enterPin(managerName: string, pin: string): Promise<void> {
    if ((await this.pinDialog().count()) === 0) await this.openButton().click();
    await this.pinDialog().getByRole('combobox').selectOption({ label: managerName });
    await this.pinDialog().getByLabel('PIN').fill(pin);
    await this.pinDialog().getByRole('button', { name: 'Open manager mode' }).click();
  }

  // ---- The "Sync status" tab ----
  readonly sync = (): Locator => this.page.getByTestId('manager-sync');
  readonly ownWaiting = (): Locator => this.page.getByTestId('manager-sync-own-waiting');
  readonly refresh = (): Locator => this.sync().getByRole('button', { name: 'Refresh' });
  readonly syncSummary = (): Locator => this.page.getByTestId('manager-sync-summary');
  readonly syncFailure = (): Locator => this.page.getByTestId('manager-sync-failure');
  /** Every till row of the store's status table. */
  readonly tillRows = (): Locator => this.sync().locator('tbody tr');
  readonly tillRow = (terminalId: string): Locator =>
    this.page.getByTestId(`manager-sync-till-${terminalId}`);

  /** A till's row as read on screen: its cells' text, by column heading. */
  async tillCells(terminalId: string): Promise<Record<string, string>> {
    const headings = await this.sync().locator('thead th').allTextContents();
    const cells = await this.tillRow(terminalId).locator('td').allTextContents();
    return Object.fromEntries(headings.map((h, i) => [h, (cells[i] ?? '').trim()]));
  }

  // ---- The "Close shift" tab ----
  readonly shiftForm = (): Locator => this.page.getByRole('form', { name: 'Close shift' });
  readonly shiftExpectedCents = async (): Promise<number> =>
    Number(await this.page.getByTestId('shift-expected').getAttribute('data-cents'));
  readonly shiftDifferenceCents = async (): Promise<number> =>
    Number(await this.page.getByTestId('shift-difference').getAttribute('data-cents'));
  readonly zReport = (): Locator => this.page.getByRole('region', { name: 'Z report' });

  /** Types the cashier, the float and the count (pieces per denomination in cents) on the close form. */
  async fillShiftClose(o: {
    cashier: string;
    float: string;
    pieces: ReadonlyMap<number, number>;
  }): Promise<void> {
    const form = this.shiftForm();
    await form.getByLabel('Cashier', { exact: true }).fill(o.cashier);
    await form.getByLabel('Opening float', { exact: true }).fill(o.float);
    for (const [cents, count] of o.pieces)
      await form.locator(`[data-testid="shift-count"][data-denomination="${cents}"]`).fill(String(count));
  }

  /** A figure of the Z report by its data-testid, read from its data attribute (cents, count or points). */
  async zFigure(testId: string): Promise<number> {
    const el = this.zReport().getByTestId(testId);
    const attrs = await el.evaluate((e) => ({ ...(e as HTMLElement).dataset }));
    const value = attrs['cents'] ?? attrs['count'] ?? attrs['points'];
    if (value === undefined) throw new Error(`${testId} carries no figure`);
    return Number(value);
  }

  /** The Z report's net per tender, tender → cents, in the order shown. */
  async zTenders(): Promise<{ tender: string; cents: number }[]> {
    return this.zReport()
      .getByTestId('z-tender')
      .evaluateAll((rows) =>
        rows.map((r) => ({
          tender: r.getAttribute('data-tender') ?? '',
          cents: Number(r.getAttribute('data-cents')),
        })),
      );
  }
}
