import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  browserHostPaths,
  deviceInfoSchema,
  pairInputSchema,
  rawScanSchema,
  terminalConfigSchema,
  type DeviceInfo,
  type RawScan,
} from '../../core/bridge/kassa-host';
import { createConfigStore } from '../host/config-store';
import { contentSecurityPolicy } from '../host/csp';
import type { ScannerService } from '../host/scanner/scanner-service';
import { serveStatic } from './static-files';

export interface HostServerOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The terminal config folder (the user-data folder Electron would use). */
  configPath: string;
  port?: number;
  /** Loopback only: the bridge must never be reachable from the network. */
  host?: '127.0.0.1' | 'localhost' | '::1';
  scanner?: ScannerService;
  /** Injected for tests: the pairing call to the sync server. */
  fetch?: typeof fetch;
}

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const SSE_KEEPALIVE_MS = 15_000;

/**
 * The browser fallback of the Electron main process: serves the built renderer on 127.0.0.1 and
 * the same host services behind the KassaHost bridge over HTTP (core/bridge browserHostPaths).
 * Every input is parsed with the bridge's schemas; requests from other origins are refused, so a
 * web page open in the same browser cannot pair the till or read its scans.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The host server binds to loopback only, not ${host}`);
  const config = createConfigStore({
    dir: options.configPath,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  const streams = new Set<FastifyReply>();
  let ownOrigin = '';

  app.addHook('onRequest', async (request, reply) => {
    const refusal = refuseForeign(request, ownOrigin);
    if (refusal) return reply.code(403).send({ error: { type: 'forbidden', message: refusal } });
  });

  app.get(browserHostPaths.config, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return terminalConfigSchema.parse(await config.load());
  });

  app.post(browserHostPaths.pair, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const input = pairInputSchema.safeParse(request.body);
    if (!input.success) {
      return reply
        .code(422)
        .send({ error: { type: 'invalid-input', message: input.error.issues[0]?.message ?? 'invalid' } });
    }
    return config.pair(input.data);
  });

  app.get(browserHostPaths.devices, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return devicesOf(options.scanner);
  });

  app.get(browserHostPaths.events, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    const send = (event: 'scan' | 'devices', data: unknown) =>
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // The page learns the current devices at once, then every change.
    send('devices', devicesOf(options.scanner));
    const offScan = options.scanner?.onScan((scan: RawScan) => send('scan', rawScanSchema.parse(scan)));
    const offDevices = options.scanner?.onDevicesChanged((devices: DeviceInfo[]) =>
      send(
        'devices',
        devices.map((d) => deviceInfoSchema.parse(d)),
      ),
    );
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    streams.add(reply);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      offScan?.();
      offDevices?.();
      streams.delete(reply);
    });
  });

  app.get('/*', async (request, reply) => {
    // connect-src names the configured server, so the page may sync with it and nothing else.
    const { serverUrl } = await config.load();
    reply.header('content-security-policy', contentSecurityPolicy(serverUrl));
    return serveStatic(options.rendererDir, request.url, reply);
  });

  const address = await app.listen({ host, port: options.port ?? 0 });
  const url = new URL(address);
  ownOrigin = url.origin;
  return {
    url: ownOrigin,
    async close() {
      for (const stream of streams) stream.raw.end();
      streams.clear();
      await app.close();
    },
  };
}

function devicesOf(scanner: ScannerService | undefined): DeviceInfo[] {
  return (scanner?.listDevices() ?? []).map((d) => deviceInfoSchema.parse(d));
}

/**
 * DNS rebinding and cross-site requests: the Host must be our loopback address, and a request
 * that names an Origin must come from our own pages.
 */
function refuseForeign(request: FastifyRequest, ownOrigin: string): string | null {
  const hostHeader = request.headers.host ?? '';
  const hostname = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (!LOOPBACK.has(hostname)) return 'This host answers on its loopback address only.';
  const origin = request.headers.origin;
  if (origin && origin !== ownOrigin && origin !== ownOrigin.replace('127.0.0.1', 'localhost')) {
    return 'Requests from other origins are refused.';
  }
  return null;
}
