// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createBasketStorage } from '../../../../renderer/src/features/basket-store/basket-storage';
import { useCheckout } from '../../../../renderer/src/features/checkout/useCheckout';
import type { Identification } from '../../../../renderer/src/features/members/identify';
import type { TerminalSession } from '../../../../renderer/src/session/terminal-session';

const store: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'en-GB',
  variableMeasure: [],
};
const milk = { id: 'p-milk', code: '8710000000017', name: 'Milk', priceCents: 129, unit: 'each' as const };
const anna: Identification = {
  kind: 'member',
  memberId: '01JANNA0000000000000000000',
  via: 'card',
  card: '299',
};

function fakeSession(writtenIds: string[] = []) {
  return {
    terminalId: 'till-1',
    keys: { memberAppKeys: () => [], codeKeys: () => [] },
    catalogue: { lookup: async (code: string) => (code === milk.code ? milk : undefined) },
    db: {
      journal: { findOne: (id: string) => ({ exec: async () => (writtenIds.includes(id) ? { id } : null) }) },
    },
  } as unknown as TerminalSession;
}

/** The members feature as useCheckout sees it: who is on the sale, and how to put one back. */
function useFakeMember() {
  const restore = vi.fn<(id: Identification | null) => void>();
  return { attached: null as Identification | null, restore };
}

beforeEach(() => localStorage.clear());

describe('the open basket in useCheckout', () => {
  it('comes back after a reload with its sale id, and its member is put back on it', async () => {
    const member = useFakeMember();
    const first = renderHook(() => useCheckout(fakeSession(), store, { member }));
    await act(() => first.result.current.scan(milk.code, 'manual'));
    await act(() => first.result.current.scan(milk.code, 'manual'));
    const { saleId } = first.result.current;
    first.rerender();
    // The member the members feature attached is kept with the basket.
    member.attached = anna;
    first.rerender();
    first.unmount();

    const again = useFakeMember();
    const second = renderHook(() => useCheckout(fakeSession(), store, { member: again }));
    expect(second.result.current.saleId).toBe(saleId);
    expect(second.result.current.state.basket.lines[0]).toMatchObject({ code: milk.code, quantity: 2 });
    expect(again.restore).toHaveBeenCalledWith(anna);
  });

  it('does not offer again a basket whose sale was already written (a crash right after complete)', async () => {
    const first = renderHook(() => useCheckout(fakeSession(), store));
    await act(() => first.result.current.scan(milk.code, 'manual'));
    const { saleId } = first.result.current;
    first.unmount();
    const second = renderHook(() => useCheckout(fakeSession([saleId]), store));
    await waitFor(() => expect(second.result.current.state.basket.lines).toEqual([]));
    expect(second.result.current.saleId).not.toBe(saleId);
  });

  it('parks a basket with its member, empties the till, and recalls it', async () => {
    const member = useFakeMember();
    member.attached = anna;
    const { result } = renderHook(() => useCheckout(fakeSession(), store, { member }));
    await act(() => result.current.scan(milk.code, 'manual'));
    const { saleId } = result.current;
    act(() => result.current.park('red coat'));
    expect(result.current.state.basket.lines).toEqual([]);
    expect(result.current.saleId).not.toBe(saleId);
    expect(member.restore).toHaveBeenLastCalledWith(null);
    expect(result.current.parked.map((p) => p.name)).toEqual(['red coat']);
    expect(createBasketStorage('till-1').loadParked()).toHaveLength(1);

    act(() => result.current.recall(result.current.parked[0]!.parkedId));
    expect(result.current.saleId).toBe(saleId);
    expect(result.current.state.basket.lines).toHaveLength(1);
    expect(member.restore).toHaveBeenLastCalledWith(anna);
    expect(result.current.parked).toEqual([]);
  });

  it('voiding the sale tells the spend feature and starts a new sale id', async () => {
    const onVoid = vi.fn();
    const { result } = renderHook(() => useCheckout(fakeSession(), store, { onVoid }));
    await act(() => result.current.scan(milk.code, 'manual'));
    act(() => result.current.setExtra({ coupons: ['C1'] }));
    const { saleId } = result.current;
    act(() => result.current.voidSale());
    expect(onVoid).toHaveBeenCalledOnce();
    expect(result.current.state).toMatchObject({ basket: { lines: [] }, extra: null });
    expect(result.current.saleId).not.toBe(saleId);
    expect(createBasketStorage('till-1').loadOpen()?.basket.lines).toEqual([]);
  });
});
