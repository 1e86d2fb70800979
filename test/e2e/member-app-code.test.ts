import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_APP_QR_FORMAT, memberAppKeyId, memberAppQrText } from '../../core/loyalty/member-app-code';
import { totpStep } from '../../core/scan/totp';
import { demoCardNumber, demoMemberId } from '../../sync-server/src/demo/demo-members';
import { MemberPanel } from './pages/member-panel';
import { openPairedTill, type Till } from './support/till';

const JOHANNA = demoMemberId(1);
const SECOND = demoMemberId(2);
const SOON = { timeout: 10_000 };
const step = (ms: number) => totpStep(ms, MEMBER_APP_QR_FORMAT.stepSeconds);

let till: Till;
let panel: MemberPanel;
beforeAll(async () => {
  till = await openPairedTill();
  panel = new MemberPanel(till.checkout.page);
});
afterAll(async () => {
  await till?.close();
});

/** The member-app key as the till keeps it (what it verifies with offline), decoded. */
async function tillKey(): Promise<Uint8Array | undefined> {
  const text = await till.page.evaluate(
    (id) => localStorage.getItem(`kassa.terminalKeys.${id}`),
    till.terminalId,
  );
  const key = text
    ? (JSON.parse(text) as { memberApp: { keys: { key: string }[] } }).memberApp.keys[0]?.key
    : undefined;
  return key ? new Uint8Array(Buffer.from(key, 'base64url')) : undefined;
}

// The demo store is Dutch (nl-NL): the cashier reads Dutch.
describe('the member app’s rotating QR code at the till', () => {
  let key: Uint8Array;
  let acceptedStep = 0;

  it('a live code, scanned, shows the member (asking before it replaces another); the same code again is refused, and so is a screenshot', async () => {
    const { checkout, page } = till;
    await expect.poll(tillKey, { timeout: 30_000 }).toBeDefined();
    key = (await tillKey()) as Uint8Array;
    expect(memberAppKeyId(key)).toMatch(/^ma-/);
    await page.locator('body').click();

    const now = Date.now();
    const live = memberAppQrText(key, JOHANNA, now);
    acceptedStep = step(now);
    // Another member is on the sale (their card): the app code asks before it replaces them, as a card does.
    await checkout.wedgeScan(demoCardNumber('kassa-fob', 2));
    await expect.poll(() => panel.memberId(), SOON).toBe(SECOND);
    await checkout.wedgeScan(live);
    await page.getByTestId('member-replace-confirm').waitFor(SOON);
    expect(await panel.memberId()).toBe(SECOND);
    await page.getByTestId('member-replace-yes').click();
    await expect.poll(() => panel.memberId(), SOON).toBe(JOHANNA);
    expect(await panel.name().textContent()).toBe('J. de V…');

    await checkout.wedgeScan(live);
    await expect.poll(() => checkout.alert().textContent(), SOON).toContain('al gebruikt aan deze kassa');
    await checkout.wedgeScan(memberAppQrText(key, JOHANNA, Date.now() - 5 * 60_000));
    await expect.poll(() => checkout.alert().textContent(), SOON).toContain('een screenshot werkt niet');
    expect(await panel.memberId()).toBe(JOHANNA);
  });

  it('offline after a restart, a fresh code still verifies and is accepted once', async () => {
    const { checkout, server, page } = till;
    await server.stop();
    await page.reload();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 30_000 }).toBe('offline');
    expect(await panel.memberId()).toBeNull();
    await page.locator('body').click();

    // The app's next code (a step ahead still counts): always after the step accepted online.
    const next = step(Date.now()) + 1;
    expect(next).toBeGreaterThan(acceptedStep);
    const fresh = memberAppQrText(key, JOHANNA, next * MEMBER_APP_QR_FORMAT.stepSeconds * 1000);
    // Another member on the sale, found by phone once the restarted till has its members loaded again.
    await expect
      .poll(async () => {
        if ((await panel.memberId()) !== SECOND) {
          await page.getByTestId('member-phone').fill('06 1234 5602');
          await page.getByTestId('member-phone-find').click();
        }
        return panel.memberId();
      }, SOON)
      .toBe(SECOND);
    await page.locator('body').click();
    await checkout.wedgeScan(fresh);
    await page.getByTestId('member-replace-confirm').waitFor(SOON);
    await page.getByTestId('member-replace-yes').click();
    await expect.poll(() => panel.memberId(), SOON).toBe(JOHANNA);
    await checkout.wedgeScan(fresh);
    await expect.poll(() => checkout.alert().textContent(), SOON).toContain('al gebruikt aan deze kassa');
  });
});
