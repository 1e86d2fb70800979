// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncIndicator } from '../../../../renderer/src/features/sync-status/SyncIndicator';
import { applyLocale } from '../../../../renderer/src/i18n';
import { createSyncStatusStore, syncState } from '../../../../renderer/src/sync/sync-status';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

describe('sync indicator: documents from HQ the till could not read', () => {
  it('says how many, in the till’s language, without calling the sync refused', () => {
    const status = createSyncStatusStore();
    status.reportOnline(1);
    render(<SyncIndicator status={status} locale="nl-NL" />);
    expect(screen.queryByTestId('sync-quarantined')).toBeNull();

    act(() => status.setQuarantined(1));
    expect(screen.getByTestId('sync-quarantined').textContent).toBe('1 document from HQ could not be read');
    act(() => applyLocale('nl-NL'));
    act(() => status.setQuarantined(3));
    expect(screen.getByTestId('sync-quarantined').textContent).toBe(
      '3 documenten van het hoofdkantoor konden niet worden gelezen',
    );
    act(() => applyLocale('ro-RO'));
    expect(screen.getByTestId('sync-quarantined').textContent).toBe(
      '3 documente de la sediu nu au putut fi citite',
    );
    expect(screen.getByTestId('sync-quarantined').dataset.count).toBe('3');
    expect(syncState(status.get())).toBe('synced');

    act(() => status.setQuarantined(0));
    expect(screen.queryByTestId('sync-quarantined')).toBeNull();
  });
});
