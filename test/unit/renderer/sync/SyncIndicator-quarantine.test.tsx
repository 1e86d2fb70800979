// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatusTab } from '../../../../renderer/src/features/manager-mode/SyncStatusTab';
import { initialStoreStatus } from '../../../../renderer/src/features/manager-mode/store-status-state';
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

describe('manager mode: documents from HQ the till could not read', () => {
  it('are counted in the sync status tab beside what this till has not sent, HQ reachable or not', () => {
    const status = createSyncStatusStore();
    const tab = (
      <SyncStatusTab
        state={{ ...initialStoreStatus, failure: { kind: 'offline' } }}
        onRefresh={() => undefined}
        local={status}
        terminalId="t1"
        locale="en-GB"
        timeZone="UTC"
      />
    );
    render(tab);
    expect(screen.queryByTestId('manager-sync-quarantined')).toBeNull();
    act(() => status.setQuarantined(2));
    expect(screen.getByTestId('manager-sync-quarantined').textContent).toBe(
      '2 documents from HQ could not be read',
    );
  });
});
