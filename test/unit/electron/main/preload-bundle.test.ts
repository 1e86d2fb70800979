import { build } from 'esbuild';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bridgeChannels } from '../../../../core/bridge/kassa-host';
import { preloadBuildOptions } from '../../../../electron/build-options';

const root = resolve(import.meta.dirname, '../../../..');

/** The preload exactly as shipped, run against a fake `electron` the way a sandboxed preload is. */
describe('sandboxed preload bundle', () => {
  let code = '';
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  beforeAll(async () => {
    const out = await build({
      ...preloadBuildOptions(root),
      write: false,
      sourcemap: false,
      outfile: 'preload.cjs',
    });
    code = out.outputFiles[0]!.text;
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => void invoked.push(args),
      on: (channel: string, l: (...args: unknown[]) => void) =>
        void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(l),
      off: (channel: string, l: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(l),
    };
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer,
    };
    const required: string[] = [];
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
  }, 30_000);

  it('requires nothing but electron', () => {
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });

  it('exposes window.kassa only: one function per bridge channel, never ipcRenderer', async () => {
    expect([...exposed.keys()]).toEqual(['kassa']);
    const kassa = exposed.get('kassa') as Record<string, unknown>;
    expect(Object.keys(kassa).sort()).toEqual(
      ['getConfig', 'kind', 'listDevices', 'onDevicesChanged', 'onScan', 'pair'].sort(),
    );
    expect(kassa.kind).toBe('electron');
    expect(Object.values(kassa).some((v) => typeof v === 'object' && v !== null && 'invoke' in v)).toBe(
      false,
    );

    const api = kassa as unknown as {
      getConfig(): Promise<unknown>;
      pair(input: unknown): Promise<unknown>;
      listDevices(): Promise<unknown>;
      onScan(l: (scan: unknown) => void): () => void;
    };
    await api.getConfig();
    await api.pair({ serverUrl: 'http://127.0.0.1:1', code: '1234' });
    await api.listDevices();
    expect(invoked).toEqual([
      [bridgeChannels.getConfig],
      [bridgeChannels.pair, { serverUrl: 'http://127.0.0.1:1', code: '1234' }],
      [bridgeChannels.listDevices],
    ]);

    const scans: unknown[] = [];
    const off = api.onScan((s) => scans.push(s));
    for (const l of listeners.get(bridgeChannels.scan) ?? [])
      l({ sender: 'the IPC event stays in the preload' }, { text: '1' });
    off();
    for (const l of listeners.get(bridgeChannels.scan) ?? []) l({}, { text: '2' });
    expect(scans).toEqual([{ text: '1' }]);
  });
});
