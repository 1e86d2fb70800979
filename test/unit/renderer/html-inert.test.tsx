// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cents } from '../../../core/money';
import type { SaleEvent } from '../../../core/journal';
import { BasketLines } from '../../../renderer/src/features/checkout/BasketLines';
import type { BasketLine } from '../../../renderer/src/features/checkout/basket';
import { MemberPanel } from '../../../renderer/src/features/members/MemberPanel';
import type { Members } from '../../../renderer/src/features/members/useMembers';
import { ReceiptView } from '../../../renderer/src/features/receipt/ReceiptView';
import { receiptOf } from '../../../renderer/src/features/receipt/receipt';
import type { BackofficeApi, MemberView } from '../../../renderer/src/backoffice/api';
import { Ctx } from '../../../renderer/src/backoffice/context';
import { MemberPage } from '../../../renderer/src/backoffice/pages/MemberPage';
import { applyLocale } from '../../../renderer/src/i18n';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { memberDoc } from './members/fixtures';

/**
 * Names come from the CRM import and the catalogue: whatever markup they hold must reach the
 * cashier as text. Each view is rendered once with a plain name and once with a hostile one; the
 * hostile rendering must have exactly the same elements, and show the markup literally.
 */
const HOSTILE = [
  '<img src=x onerror="window.__kassaPwned=1">',
  '<script>window.__kassaPwned=1</script>',
  '"><svg onload="window.__kassaPwned=1">',
  // i18next would expand these if it interpolated into names: they must stay as typed.
  '{{current}} $t(members.title)',
];
const PLAIN = 'Koffie';

afterEach(() => {
  cleanup();
  delete (window as { __kassaPwned?: unknown }).__kassaPwned;
});

/** The element structure of a rendering: tag names and attribute names, no text. */
function shape(root: Element): string[] {
  return [...root.querySelectorAll('*')].map(
    (e) =>
      `${e.tagName}[${[...e.attributes]
        .map((a) => a.name)
        .sort()
        .join(',')}]`,
  );
}

function expectInert(view: (name: string) => ReactElement, where: (root: HTMLElement) => HTMLElement[]) {
  applyLocale('en-GB');
  const plain = render(view(PLAIN));
  const plainShape = shape(plain.container);
  cleanup();
  for (const name of HOSTILE) {
    const { container } = render(view(name));
    expect(shape(container), name).toEqual(plainShape);
    expect(container.querySelector('script, [onerror], [onload], img[src="x"]')).toBeNull();
    const shown = where(container);
    expect(shown.length, name).toBeGreaterThan(0);
    for (const element of shown) expect(element.textContent, name).toContain(name);
    expect((window as { __kassaPwned?: unknown }).__kassaPwned).toBeUndefined();
    cleanup();
  }
}

const byTestId = (id: string) => (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
];

describe('a name with HTML or script in it renders as text', () => {
  it('on a basket line, its buttons’ labels included', () => {
    const line = (name: string): BasketLine => ({
      lineId: 'l1',
      productId: 'p1',
      code: '4006381333931',
      name,
      kind: 'each',
      quantity: 2,
      unitPriceCents: 250 as Cents,
      amountCents: 500 as Cents,
    });
    const noop = () => undefined;
    expectInert(
      (name) => (
        <BasketLines
          lines={[line(name)]}
          currency="EUR"
          locale="en-GB"
          onIncrement={noop}
          onDecrement={noop}
          onRemove={noop}
        />
      ),
      byTestId('line-name'),
    );
    render(
      <BasketLines
        lines={[line(HOSTILE[0]!)]}
        currency="EUR"
        locale="en-GB"
        onIncrement={noop}
        onDecrement={noop}
        onRemove={noop}
      />,
    );
    expect(document.querySelector('[data-testid="line-decrement"]')!.getAttribute('aria-label')).toContain(
      HOSTILE[0],
    );
  });

  it('on the receipt: product, store, member and donation cause', () => {
    const sale = (name: string) =>
      ({
        id: '01KB0SALE00000000000000001',
        type: 'sale',
        terminalId: '01KB0TERMINAL0000000000001',
        storeId: 'store-demo-ams',
        seq: 4,
        createdAt: Date.UTC(2026, 10, 28, 11),
        currency: 'EUR',
        lines: [
          {
            lineId: 'l1',
            productId: 'p1',
            name,
            quantity: 1,
            unitPriceCents: 500,
            amountCents: 500,
            discountCents: 0,
          },
        ],
        subtotalCents: 600,
        discountCents: 0,
        totalCents: 600,
        payments: [{ method: 'card', amountCents: 600 }],
        flags: [],
        donations: [{ cause: name, cents: 100 }],
        memberId: 'M-1',
        loyalty: null,
      }) as unknown as SaleEvent;
    const store = (name: string) => ({ name, locale: 'en-GB', timeZone: 'Europe/Amsterdam' });
    expectInert(
      (name) => (
        <ReceiptView
          receipt={receiptOf(sale(name), null, store(name), { name, balance: undefined })}
          locale="en-GB"
          onClose={() => undefined}
        />
      ),
      (root) => [root],
    );
    // Each of the four places shows it: count the occurrences in the receipt's text.
    const { container } = render(
      <ReceiptView
        receipt={receiptOf(sale(HOSTILE[1]!), null, store(HOSTILE[1]!), {
          name: HOSTILE[1]!,
          balance: undefined,
        })}
        locale="en-GB"
        onClose={() => undefined}
      />,
    );
    expect(container.textContent!.split(HOSTILE[1]!).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('in the member panel: name, tier, badges, and the replace question', () => {
    const members = (name: string): Members => {
      const doc = memberDoc({
        memberId: 'M-1',
        displayName: name,
        tier: name,
        counters: {
          purchaseCount: 0,
          visits: [],
          rules: {},
          stamps: { [name]: 2 },
          challenges: {},
          badges: [name],
        },
      });
      const other = memberDoc({ memberId: 'M-2', displayName: name });
      const noop = () => undefined;
      return {
        state: {
          attached: { kind: 'member', memberId: 'M-1', via: 'card', card: null },
          confirm: { kind: 'member', memberId: 'M-2', via: 'card', card: null },
          acceptedSteps: {},
          notice: null,
        },
        attachedDoc: doc,
        confirmDoc: other,
        index: undefined as never,
        scanContext: undefined as never,
        scanned: noop,
        findByPhone: () => false,
        confirmReplace: noop,
        cancelReplace: noop,
        remove: noop,
        saleCompleted: noop,
        enrolled: noop,
        restore: noop,
      };
    };
    expectInert(
      (name) => <MemberPanel members={members(name)} balance={undefined} locale="en-GB" currency="EUR" />,
      (root) => [
        ...byTestId('member-name')(root),
        ...byTestId('member-tier')(root),
        ...byTestId('member-badges')(root),
        ...byTestId('member-stamps')(root),
        ...byTestId('member-replace-confirm')(root),
      ],
    );
    // The question names both members: the name appears twice in it, as typed.
    const { getByTestId } = render(
      <MemberPanel members={members(HOSTILE[3]!)} balance={undefined} locale="en-GB" currency="EUR" />,
    );
    expect(getByTestId('member-replace-confirm').textContent!.split(HOSTILE[3]!).length - 1).toBe(2);
  });

  it('on the back office member page: name, card and ledger text', async () => {
    const view = (name: string): MemberView => ({
      memberId: 'M-1',
      name,
      cardNumber: name,
      balance: 300,
      ledger: [{ at: Date.UTC(2026, 11, 1), kind: 'earn', points: 300, text: name, eventId: 'e1' }],
    });
    const page = async (name: string) => {
      const api = { member: async () => view(name) } as unknown as BackofficeApi;
      const session = {
        user: { userId: 'u1', login: 'anna', name: 'Anna', role: 'hq-admin' },
        stores: [],
        csrfToken: '',
      };
      const rendered = render(
        <I18nextProvider i18n={i18n}>
          <Ctx.Provider value={{ api, session: session as never, storeId: '' }}>
            <MemberPage />
          </Ctx.Provider>
        </I18nextProvider>,
      );
      fireEvent.change(screen.getByTestId('bo-member-ref'), { target: { value: 'M-1' } });
      fireEvent.click(screen.getByTestId('bo-member-look'));
      return { container: rendered.container, member: await screen.findByTestId('bo-member') };
    };
    applyLocale('en-GB');
    const plainShape = shape((await page(PLAIN)).container);
    cleanup();
    for (const name of HOSTILE) {
      const { container, member } = await page(name);
      expect(shape(container), name).toEqual(plainShape);
      expect(container.querySelector('script, [onerror], [onload], img[src="x"]')).toBeNull();
      expect(member.querySelector('h3')!.textContent, name).toContain(name);
      expect(screen.getByTestId('bo-ledger-row').textContent, name).toContain(name);
      expect((window as { __kassaPwned?: unknown }).__kassaPwned).toBeUndefined();
      cleanup();
    }
  });
});
