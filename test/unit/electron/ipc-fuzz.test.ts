import fc from 'fast-check';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bridgeChannels,
  deviceInfoSchema,
  pairInputSchema,
  terminalConfigSchema,
  type DeviceInfo,
} from '../../../core/bridge/kassa-host';
import { createConfigStore } from '../../../electron/host/config-store';
import type { ScannerService } from '../../../electron/host/scanner/scanner-service';
import { registerConfigIpc } from '../../../electron/main/ipc/config-ipc';
import { registerScannerIpc } from '../../../electron/main/ipc/scanner-ipc';
import {
  ForeignSenderError,
  InvalidPayloadError,
  type IpcMainLike,
  type IpcSenderEvent,
} from '../../../electron/main/ipc/sender-guard';

/**
 * Every IPC channel the main process answers, called with what a compromised page could send:
 * garbage, near-misses and schema-valid extremes, from our own frame and from foreign ones. Each
 * call must end in a result the bridge declares or in a refusal that names the channel, and the
 * host must keep answering afterwards.
 */
const ipcDir = resolve(import.meta.dirname, '../../../electron/main/ipc');
const OURS = 'app://kassa/index.html';
type Handler = (event: IpcSenderEvent, ...args: unknown[]) => unknown;

const devices: DeviceInfo[] = [
  { id: 'hid-1', vendorId: 0x05e0, productId: 0x1200, decoder: 'hid-pos', state: 'open' },
  { id: 'kbd-<b>x</b>', vendorId: 1, productId: 2, product: '<script>', decoder: null, state: 'error' },
];
const scanner: ScannerService = {
  listDevices: () => devices,
  onScan: () => () => undefined,
  onDevicesChanged: () => () => undefined,
};

async function host() {
  const pairedWith: unknown[] = [];
  // The real config store on a temporary folder; only the pairing server is faked.
  const store = createConfigStore({
    dir: await mkdtemp(join(tmpdir(), 'kassa-ipc-fuzz-')),
    fetch: async (_url, init) => {
      const { code } = JSON.parse(String(init?.body)) as { code: string };
      pairedWith.push(code);
      if (code.startsWith('0')) throw new TypeError('fetch failed');
      return code.startsWith('1')
        ? Response.json({ error: { message: '<img src=x onerror=alert(1)>' } }, { status: 400 })
        : new Response('not json', { status: 200 });
    },
  });
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      expect(handlers.has(channel), `${channel} registered twice`).toBe(false);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  // One entry per channel group in electron/main/ipc (checked below against the folder).
  const groups: Record<string, () => void> = {
    registerConfigIpc: () => registerConfigIpc(ipc, store),
    registerScannerIpc: () =>
      registerScannerIpc(
        ipc,
        scanner,
        () => null,
        () => true,
      ),
  };
  for (const register of Object.values(groups)) register();
  return { handlers, groups, store, pairedWith };
}

const pairOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), config: terminalConfigSchema }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['code-invalid', 'server-unreachable', 'server-error']),
    message: z.string().min(1),
  }),
]);

/** What each channel may answer. */
const answers: Record<string, z.ZodType> = {
  [bridgeChannels.getConfig]: terminalConfigSchema,
  [bridgeChannels.pair]: pairOutcomeSchema,
  [bridgeChannels.listDevices]: z.array(deviceInfoSchema),
};

const garbage = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc.constantFrom(
    '__proto__',
    { __proto__: { serverUrl: 'http://127.0.0.1:1', code: '1234' } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { serverUrl: 'javascript:alert(1)', code: '1234' },
    { serverUrl: 'http://127.0.0.1:1', code: '123' },
    { serverUrl: 'http://127.0.0.1:1', code: 'x'.repeat(65) },
    { serverUrl: 'http://127.0.0.1:1', code: 1234 },
    new Uint8Array(1 << 16),
    'x'.repeat(1 << 20),
  ),
);

/** Arguments that pass each channel's schema, at its edges. */
const validArgs: Record<string, fc.Arbitrary<unknown[]>> = {
  [bridgeChannels.getConfig]: fc.constant([]),
  [bridgeChannels.listDevices]: fc.constant([]),
  [bridgeChannels.pair]: fc
    .record({
      serverUrl: fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom(
          'http://[::1]:65535/',
          'https://xn--80ak6aa92e.com/',
          `http://a.example/${'p'.repeat(4000)}`,
        ),
      ),
      code: fc.oneof(
        fc.string({ minLength: 4, maxLength: 64 }),
        fc.string({ minLength: 4, maxLength: 64, unit: 'grapheme' }),
      ),
    })
    .filter((input) => pairInputSchema.safeParse(input).success)
    .map((input) => [input]),
};

const sender = fc.oneof(
  { weight: 3, arbitrary: fc.constant<IpcSenderEvent>({ senderFrame: { url: OURS } }) },
  fc.constantFrom<IpcSenderEvent>(
    { senderFrame: null },
    { senderFrame: { url: 'app://kassa.evil/index.html' } },
    { senderFrame: { url: 'file:///etc/passwd' } },
    { senderFrame: { url: 'app://kassa@evil.example/' } },
  ),
  fc.oneof(fc.webUrl(), fc.string()).map<IpcSenderEvent>((url) => ({ senderFrame: { url } })),
);

/**
 * Calls a handler the way Electron does: the arguments arrive structured-cloned (no prototypes,
 * getters or functions survive), and a throw becomes the rejection the page sees.
 */
async function call(handler: Handler, event: IpcSenderEvent, args: unknown[]) {
  try {
    return { answer: await handler(event, ...structuredClone(args)) };
  } catch (error) {
    return { error };
  }
}

function expectClearOutcome(channel: string, outcome: { answer?: unknown; error?: unknown }) {
  if ('error' in outcome) {
    expect(outcome.error).toSatisfy(
      (e) => e instanceof ForeignSenderError || e instanceof InvalidPayloadError,
    );
    expect((outcome.error as Error).message.startsWith(`${channel}: `)).toBe(true);
  } else
    expect(answers[channel]!.safeParse(outcome.answer).success, JSON.stringify(outcome.answer)).toBe(true);
}

describe('IPC fuzzing', () => {
  it('covers every channel group in electron/main/ipc and every channel they register', async () => {
    const files = (await readdir(ipcDir)).filter((f) => f.endsWith('-ipc.ts'));
    const exported: string[] = [];
    for (const file of files) {
      const module = (await import(join(ipcDir, file))) as Record<string, unknown>;
      exported.push(...Object.keys(module).filter((k) => /^register\w+Ipc$/.test(k)));
    }
    const { handlers, groups } = await host();
    expect(Object.keys(groups).sort()).toEqual(exported.sort());
    expect([...handlers.keys()].sort()).toEqual(Object.keys(answers).sort());
    expect([...handlers.keys()].sort()).toEqual(Object.keys(validArgs).sort());
  });

  it('answers garbage from any frame with a refusal that names the channel, never reaching the store', async () => {
    const { handlers, pairedWith } = await host();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...handlers.keys()),
        sender,
        fc.array(garbage, { minLength: 1, maxLength: 4 }),
        async (channel, event, args) => {
          const outcome = await call(handlers.get(channel)!, event, args);
          expectClearOutcome(channel, outcome);
        },
      ),
      {
        numRuns: 300,
        // URLs the pairing schema once let through to the store, which threw a raw TypeError.
        examples: ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'mailto:a@b.c'].map(
          (serverUrl): [string, IpcSenderEvent, unknown[]] => [
            bridgeChannels.pair,
            { senderFrame: { url: OURS } },
            [{ serverUrl, code: '1234' }],
          ],
        ),
      },
    );
    // Garbage never was a valid pairing, so no pairing request left the host.
    expect(pairedWith).toEqual([]);
  });

  it('answers schema-valid extremes from our page with a declared result, and refuses them from others', async () => {
    const { handlers, pairedWith, store } = await host();
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...handlers.keys())
          .chain((channel) => fc.tuple(fc.constant(channel), validArgs[channel]!)),
        sender,
        async ([channel, args], event) => {
          const outcome = await call(handlers.get(channel)!, event, args);
          expectClearOutcome(channel, outcome);
          const ours = event.senderFrame?.url === OURS;
          expect('answer' in outcome).toBe(ours);
          if (ours && channel === bridgeChannels.pair) valid++;
        },
      ),
      { numRuns: 200 },
    );
    expect(valid).toBeGreaterThan(0);
    expect(pairedWith).toHaveLength(valid);
    // The host still works: the fuzzed pairings never produced a config, so it is still the default.
    await expect(handlers.get(bridgeChannels.getConfig)!({ senderFrame: { url: OURS } })).resolves.toEqual(
      await store.load(),
    );
    expect((await store.load()).paired).toBeNull();
  });
});
