// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExceptionDetail, SessionView } from '../../../../core/backoffice/api';
import { BackofficeApi } from '../../../../renderer/src/backoffice/api';
import { App } from '../../../../renderer/src/backoffice/App';
import { i18n } from '../../../../renderer/src/i18n/i18n';

const session: SessionView = {
  user: { userId: 'u1', login: 'anna', name: 'Anna', role: 'store-manager' },
  stores: [
    { storeId: 'ams', name: 'Amsterdam', currency: 'EUR', timeZone: 'Europe/Amsterdam', locale: 'en-GB' },
  ],
  csrfToken: 'csrf-1',
};

const detail: ExceptionDetail = {
  exception: {
    id: 7,
    kind: 'overdraft',
    status: 'open',
    storeId: 'ams',
    terminalId: 'T-2',
    eventId: 'e2',
    seq: 1,
    businessDay: '2026-12-01',
    memberId: 'M-1',
    pointsAtStake: 300,
    centsAtStake: 0,
    message: 'overdraft',
    detectedAt: 0,
    resolvedAt: null,
    resolution: null,
  },
  events: [],
  options: [
    {
      resolution: 'write-off',
      label: 'Honour and write off',
      effect: 'credits 300 points to M-1',
      needsConfirm: false,
    },
  ],
  history: [],
};

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fake server: answers by "METHOD path" and records what the app sent. */
function fakeServer(routes: Record<string, (body: unknown) => [number, unknown]>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, headers: init.headers as Record<string, string>, body });
    const path = url.replace('/backoffice/api', '').split('?')[0];
    const route = routes[`${method} ${path}`];
    const [status, answer] = route
      ? route(body)
      : [404, { error: { type: 'not-found', message: 'no route' } }];
    return new Response(JSON.stringify(answer), { status });
  }) as unknown as typeof fetch;
  return { calls, api: new BackofficeApi('/backoffice/api', fetchFn) };
}

function renderApp(api: BackofficeApi) {
  return render(
    <I18nextProvider i18n={i18n}>
      <App api={api} />
    </I18nextProvider>,
  );
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('back office', () => {
  it("shows sign-in when not signed in, and the server's refusal as it says it", async () => {
    const { api } = fakeServer({
      'GET /session': () => [401, { error: { type: 'unauthorized', message: 'sign in' } }],
      'POST /sign-in': () => [
        429,
        { error: { type: 'rate-limited', message: 'Too many attempts: try again in 5 minutes' } },
      ],
    });
    renderApp(api);
    fireEvent.change(await screen.findByTestId('bo-login'), { target: { value: 'anna' } });
    fireEvent.change(screen.getByTestId('bo-password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('bo-signin-submit'));
    expect((await screen.findByTestId('bo-signin-error')).textContent).toBe(
      'Too many attempts: try again in 5 minutes',
    );
  });

  it('resolves an exception only with a note, sending the CSRF token', async () => {
    let resolved = false;
    const { api, calls } = fakeServer({
      'GET /session': () => [200, session],
      'GET /stores/ams/sync-status': () => [
        200,
        { storeId: 'ams', businessDay: '2026-12-01', allAtHq: true, missing: [], tills: [], checkedAt: 0 },
      ],
      'GET /exceptions': () => [200, [detail.exception]],
      'GET /exceptions/7': () => [
        200,
        resolved
          ? { ...detail, exception: { ...detail.exception, status: 'resolved', resolution: 'write-off' } }
          : detail,
      ],
      'POST /exceptions/7/actions': () => {
        resolved = true;
        return [200, {}];
      },
    });
    renderApp(api);
    expect((await screen.findByTestId('bo-sync-summary')).textContent).toBe(
      'All sales of 2026-12-01 are at HQ',
    );
    fireEvent.click(screen.getByTestId('bo-nav-exceptions'));
    const row = await screen.findByTestId('bo-exception-row');
    expect(row.textContent).toContain('Points overdraft');
    expect(row.textContent).toContain('300 points');
    fireEvent.click(screen.getByTestId('bo-exception-open'));

    fireEvent.click(await screen.findByTestId('bo-resolve-write-off'));
    expect(screen.getByTestId('bo-action-error').textContent).toMatch(/note/i);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('bo-note'), { target: { value: 'two offline tills, honour it' } });
    fireEvent.click(screen.getByTestId('bo-resolve-write-off'));
    await waitFor(() => expect(screen.getByTestId('bo-exception-status').textContent).toBe('Resolved'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers['x-csrf-token']).toBe('csrf-1');
    expect(post.body).toEqual({
      action: 'resolve',
      resolution: 'write-off',
      note: 'two offline tills, honour it',
    });
  });

  it("speaks the store's language, and the picker switches it", async () => {
    const { api } = fakeServer({
      'GET /session': () => [200, { ...session, stores: [{ ...session.stores[0], locale: 'nl-NL' }] }],
      'GET /stores/ams/sync-status': () => [
        200,
        { storeId: 'ams', businessDay: '2026-12-01', allAtHq: false, missing: [], tills: [], checkedAt: 0 },
      ],
    });
    renderApp(api);
    expect((await screen.findByTestId('bo-nav-exceptions')).textContent).toBe('Uitzonderingen');
    fireEvent.change(screen.getByTestId('bo-language'), { target: { value: 'ro' } });
    expect((await screen.findByTestId('bo-nav-exceptions')).textContent).toBe('Excepții');
    expect(localStorage.getItem('kassa.backoffice.language')).toBe('ro');
    await i18n.changeLanguage('en');
  });
});
