import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { apiBase, memberView, query } from '../../../../renderer/src/backoffice/api';
import { toCsv } from '../../../../renderer/src/backoffice/csv';
import {
  filterQuery,
  initialFilter,
  updateFilter,
} from '../../../../renderer/src/backoffice/exceptions-filter';
import { totalsRows } from '../../../../renderer/src/backoffice/pages/EndOfDayPage';

describe('exceptions filter', () => {
  it('starts on the open exceptions of the selected store', () => {
    expect(filterQuery(initialFilter('ams'))).toEqual({ store: 'ams', status: 'open' });
  });

  it('sends only what the manager set, the till trimmed', () => {
    const f = updateFilter(initialFilter(''), {
      terminal: ' T-2 ',
      kind: 'overdraft',
      status: '',
      day: '2026-12-01',
    });
    expect(filterQuery(f)).toEqual({ terminal: 'T-2', kind: 'overdraft', day: '2026-12-01' });
  });

  it('another store clears the till, which belongs to one store', () => {
    const f = updateFilter(initialFilter('ams'), { terminal: 'T-1' });
    expect(updateFilter(f, { store: 'rtm' }).terminal).toBe('');
    expect(updateFilter(f, { kind: 'tamper' }).terminal).toBe('T-1');
  });
});

describe('CSV of a table', () => {
  it('has the labels as header and the values in column order, quoted where needed', () => {
    const csv = toCsv(
      [
        { key: 'day', label: 'Day' },
        { key: 'note', label: 'Note' },
        { key: 'cents', label: 'Cents' },
      ],
      [
        { cents: 1250, day: '2026-12-01', note: 'honoured, "offline"' },
        { day: '2026-12-02', note: null, cents: 0 },
      ],
    );
    expect(Papa.parse(csv).data).toEqual([
      ['Day', 'Note', 'Cents'],
      ['2026-12-01', 'honoured, "offline"', '1250'],
      ['2026-12-02', '', '0'],
    ]);
  });
});

describe('API paths', () => {
  it('the API sits beside the page whether served at /backoffice or /backoffice/', () => {
    expect(apiBase('/backoffice')).toBe('/backoffice/api');
    expect(apiBase('/backoffice/')).toBe('/backoffice/api');
    expect(apiBase('/backoffice/backoffice.html')).toBe('/backoffice/api');
  });

  it('leaves unset filters out of the query', () => {
    expect(query({ store: 'ams', terminal: '', kind: undefined, day: null })).toBe('?store=ams');
    expect(query({})).toBe('');
  });
});

describe('end of day rows', () => {
  it('puts till and server side by side, with every tender either side has', () => {
    const till = {
      sales: { count: 3, totalCents: 3000 },
      returns: { count: 0, totalCents: 0 },
      tenders: [{ tender: 'cash', cents: 3000 }],
      points: { issued: 30, redeemed: 0 },
    };
    const server = {
      ...till,
      sales: { count: 2, totalCents: 2000 },
      tenders: [{ tender: 'card', cents: 2000 }],
    };
    const rows = totalsRows(till, server);
    expect(rows.find((r) => r.field === 'sales.count')).toMatchObject({ till: 3, server: 2 });
    expect(rows.find((r) => r.field === 'tender.cash')).toMatchObject({ till: 3000, server: 0, money: true });
    expect(rows.find((r) => r.field === 'tender.card')).toMatchObject({ till: 0, server: 2000 });
  });
});

describe('member look-up', () => {
  it('reads the admin shape: member beside its ledger rows', () => {
    const m = memberView({
      member: { memberId: 'M-1', displayName: 'Johanna', cards: ['2000001'], balance: 0 },
      ledger: [{ entryId: 'x', account: 'kassa-adjust', amount: 300, text: 'write-off' }],
    });
    expect(m).toMatchObject({ memberId: 'M-1', name: 'Johanna', cardNumber: '2000001', balance: 0 });
    expect(m.ledger).toHaveLength(1);
  });
});
