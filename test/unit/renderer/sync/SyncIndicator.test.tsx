// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncIndicator } from '../../../../renderer/src/features/sync-status/SyncIndicator';
import { applyLocale } from '../../../../renderer/src/i18n';
import {
  createSyncStatusStore,
  syncState,
  type RefusedEventNote,
} from '../../../../renderer/src/sync/sync-status';

const tooLong: RefusedEventNote = {
  id: '01JDZ0000000000000000000A1',
  seq: 7,
  type: 'sale',
  reason: 'too-many-lines',
  path: 'lines',
  message: 'A sale has at most 500 lines; this one has 501.',
  refusedAt: 1_000,
};
const seqJump: RefusedEventNote = {
  id: '01JDZ0000000000000000000B2',
  seq: 2_000_009,
  type: 'sale',
  reason: 'seq-jump',
  path: 'seq',
  message: 'seq 2000009 jumps more than 1000000 above the last seq 8.',
  refusedAt: 2_000,
};

afterEach(cleanup);

describe('sync indicator: refused events', () => {
  it('shows nothing about refusals while there are none', () => {
    const status = createSyncStatusStore();
    render(<SyncIndicator status={status} locale="nl-NL" />);
    expect(screen.queryByTestId('sync-refused')).toBeNull();
  });

  it('shows "N refused" with the first message, and lists each with its path on click', () => {
    const status = createSyncStatusStore();
    status.reportOnline(1);
    render(<SyncIndicator status={status} locale="nl-NL" />);
    act(() => status.setRefused([tooLong, seqJump]));

    expect(screen.getByTestId('sync-refused').textContent).toBe(
      '2 refused: A sale has at most 500 lines; this one has 501.',
    );
    expect(screen.queryByTestId('sync-refused-list')).toBeNull();

    fireEvent.click(screen.getByTestId('sync-refused'));
    expect(screen.getAllByTestId('sync-refused-item').map((li) => li.textContent)).toEqual([
      'sale 7: A sale has at most 500 lines; this one has 501. (lines)',
      'sale 2000009: seq 2000009 jumps more than 1000000 above the last seq 8. (seq)',
    ]);
    fireEvent.click(screen.getByTestId('sync-refused'));
    expect(screen.queryByTestId('sync-refused-list')).toBeNull();
  });

  it('keeps the sync state: later events still sync, so a refusal is not "refused" sync', () => {
    const status = createSyncStatusStore();
    status.reportOnline(1);
    status.setRefused([tooLong]);
    expect(syncState(status.get())).toBe('synced');
    render(<SyncIndicator status={status} locale="nl-NL" />);
    expect(screen.getByTestId('sync-state').textContent).toBe('synced');
    expect(screen.getByTestId('sync-refused').textContent).toContain('1 refused');
  });
});

describe('sync indicator in the store’s language', () => {
  afterEach(() => applyLocale('en-GB'));

  it('counts waiting sales with Romanian plurals and keeps the server’s refusal text as it is', () => {
    applyLocale('ro-RO');
    const status = createSyncStatusStore();
    status.reportOnline(1);
    status.setLocalSeq(20);
    render(<SyncIndicator status={status} locale="ro-RO" />);
    expect(screen.getByTestId('sync-waiting').textContent).toBe('20 de vânzări în așteptare');
    expect(screen.getByTestId('sync-waiting').dataset.count).toBe('20');
    expect(screen.getByTestId('sync-state').textContent).toBe('se sincronizează');
    act(() => status.acknowledge(18));
    expect(screen.getByTestId('sync-waiting').textContent).toBe('2 vânzări în așteptare');
    act(() => status.setRefused([tooLong]));
    expect(screen.getByTestId('sync-refused').textContent).toBe(
      '1 eveniment refuzat: A sale has at most 500 lines; this one has 501.',
    );
    fireEvent.click(screen.getByTestId('sync-refused'));
    expect(screen.getByTestId('sync-refused-item').textContent).toBe(
      'vânzare 7: A sale has at most 500 lines; this one has 501. (lines)',
    );
  });
});
