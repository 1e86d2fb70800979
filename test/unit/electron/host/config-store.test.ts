import { mkdtemp, readFile, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfigStore } from '../../../../electron/host/config-store';
import { defaultUserDataDir } from '../../../../electron/host/user-data-dir';

const store = {
  storeId: 's1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const answer = (status: number, body: unknown): typeof fetch =>
  (async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;

describe('terminal config store', () => {
  it('starts unpaired on the default server, and after a damaged file too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kassa-config-'));
    const config = createConfigStore({ dir, defaultServerUrl: 'http://127.0.0.1:9999' });
    expect(await config.load()).toEqual({ serverUrl: 'http://127.0.0.1:9999', paired: null });
    await writeFile(config.path, '{"serverUrl": 42');
    expect(await config.load()).toEqual({ serverUrl: 'http://127.0.0.1:9999', paired: null });
  });

  it('saves the pairing (file readable by the owner only) and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kassa-config-'));
    const pairing = { terminalId: 't1', storeId: 's1', token: 'tok', store };
    const config = createConfigStore({ dir, fetch: answer(200, pairing) });
    const outcome = await config.pair({ serverUrl: 'http://127.0.0.1:1234', code: 'ABCD-1234' });
    expect(outcome).toEqual({ ok: true, config: { serverUrl: 'http://127.0.0.1:1234', paired: pairing } });
    expect(await config.load()).toEqual(outcome.ok && outcome.config);
    expect((await stat(config.path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(config.path, 'utf8')).paired.token).toBe('tok');
  });

  it('answers typed reasons for a refused code, a failing server and a non-pairing answer, saving nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kassa-config-'));
    const input = { serverUrl: 'http://127.0.0.1:1234', code: 'ABCD-1234' };
    const refused = createConfigStore({
      dir,
      fetch: answer(404, { error: { type: 'code-invalid', message: 'Unknown or used code' } }),
    });
    expect(await refused.pair(input)).toEqual({
      ok: false,
      reason: 'code-invalid',
      message: 'Unknown or used code',
    });
    expect(await createConfigStore({ dir, fetch: answer(500, {}) }).pair(input)).toMatchObject({
      ok: false,
      reason: 'server-error',
    });
    expect(await createConfigStore({ dir, fetch: answer(200, { hello: 1 }) }).pair(input)).toMatchObject({
      ok: false,
      reason: 'server-error',
    });
    expect((await refused.load()).paired).toBeNull();
  });

  it('keeps its config where Electron would on Linux, unless KASSA_USER_DATA says otherwise', () => {
    expect(defaultUserDataDir({ KASSA_USER_DATA: '/srv/till' })).toBe('/srv/till');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/home/k/.cfg' })).toBe('/home/k/.cfg/Kassa');
    expect(defaultUserDataDir({})).toMatch(/\/\.config\/Kassa$/);
  });
});
