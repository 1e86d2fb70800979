import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSseEvents } from './sse-reader';

const root = resolve(import.meta.dirname, '../../..');

/** Runs `npm start`'s launcher as its own process, the way a developer would. */
function launch(dir: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/launch/start.ts'), ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        KASSA_NO_OPEN: '1',
        KASSA_DATA_DIR: join(dir, 'data'),
        KASSA_USER_DATA: join(dir, 'user'),
        KASSA_RENDERER_DIR: join(dir, 'renderer'),
        KASSA_SERVER_PORT: '0',
        KASSA_HOST_PORT: '0',
        // However this machine is set up, the launcher must find no Electron binary here.
        ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron'),
        ...extraEnv,
      },
    },
  );
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolveLine, reject) => {
      const check = () => {
        const line = lines.find((l) => pattern.test(l));
        if (line) return resolveLine(line);
        if (child.exitCode !== null) return reject(new Error(`launcher exited ${child.exitCode}: ${stderr}`));
        setTimeout(check, 50);
      };
      check();
    });
  return { child, lines, waitFor, stderr: () => stderr };
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolveExit) => {
    child.once('exit', (code) => resolveExit(code));
    child.kill('SIGINT');
  });
}

describe('npm start without an Electron binary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kassa-launch-'));
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Kassa till</title>');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('starts the seeded server, pairs the demo terminal, serves the till and says so in one line', async () => {
    const run = launch(dir);
    const line = await run.waitFor(/Electron is not installed/);
    expect(line).toMatch(
      /^Electron is not installed — Kassa is serving at http:\/\/127\.0\.0\.1:\d+ \(not opening Chromium: --no-open\)$|^Electron is not installed and no Chromium was found — open http:\/\/127\.0\.0\.1:\d+ in a browser$/,
    );
    expect(run.lines.filter((l) => l.includes('Electron is not installed'))).toHaveLength(1);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)![0];

    const page = await fetch(url + '/');
    expect(await page.text()).toContain('<title>Kassa till</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    const config = await (await fetch(url + '/host/config')).json();
    expect(config.paired).toMatchObject({ storeId: expect.any(String), token: expect.any(String) });
    // The terminal is paired with the server this launcher started, through the config service.
    const saved = JSON.parse(await readFile(join(dir, 'user', 'terminal-config.json'), 'utf8'));
    expect(saved.serverUrl).toBe(config.serverUrl);
    const health = await fetch(new URL('/health', config.serverUrl));
    expect(health.ok).toBe(true);

    expect(await stop(run.child)).toBe(0);
    // Ctrl-C stopped the server too.
    await expect(fetch(new URL('/health', config.serverUrl))).rejects.toThrow();
  });

  it('on a second start keeps the pairing it has and seeds nothing', async () => {
    const before = await readFile(join(dir, 'user', 'terminal-config.json'), 'utf8');
    const run = launch(dir);
    await run.waitFor(/Electron is not installed/);
    expect(run.lines.some((l) => /seeded|paired \(config/.test(l))).toBe(false);
    expect(await stop(run.child)).toBe(0);
    expect(await readFile(join(dir, 'user', 'terminal-config.json'), 'utf8')).toBe(before);
  });

  it('prints the URL to open when there is no Chromium, or no display for it', async () => {
    const noChromium = launch(dir, { KASSA_CHROMIUM: join(dir, 'no-chromium') });
    const line1 = await noChromium.waitFor(/Electron is not installed/);
    expect(line1).toMatch(
      /^Electron is not installed and no Chromium was found — open http:\/\/127\.0\.0\.1:\d+ in a browser$/,
    );
    expect(await stop(noChromium.child)).toBe(0);

    const headless = launch(dir, {
      KASSA_NO_OPEN: '',
      KASSA_CHROMIUM: '/usr/bin/chromium',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    });
    const line2 = await headless.waitFor(/Electron is not installed/);
    expect(line2).toMatch(
      /^Electron is not installed and there is no display for Chromium — open http:\/\/127\.0\.0\.1:\d+ in a browser$/,
    );
    expect(await stop(headless.child)).toBe(0);
  });

  it('--demo-scanner turns lines typed in the terminal into HID POS scans on the till', async () => {
    const run = launch(dir, {}, ['--demo-scanner']);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await run.waitFor(/Electron is not installed/))![0];
    expect(run.lines).toContain('Demo scanner: type a barcode here and press Enter to scan it.');
    const events = readSseEvents(url + '/host/events');
    expect(await events.next()).toMatchObject({
      event: 'devices',
      data: [{ product: expect.stringMatching(/^Demo scanner/), state: 'open', decoder: 'hid-pos' }],
    });
    run.child.stdin.write('4006381333931\n');
    expect(await events.next()).toMatchObject({
      event: 'scan',
      data: { text: '4006381333931', source: 'hid-pos', symbology: ']E0' },
    });
    events.close();
    expect(await stop(run.child)).toBe(0);
  });
});
