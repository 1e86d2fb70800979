import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flipKassaFuses, packedBinaryPath } from '../../../electron/build/fuses';

const root = resolve(import.meta.dirname, '../../..');
// The marker Electron puts before its fuse wire (@electron/fuses' SENTINEL), then the wire version
// (1), its length, and one byte per fuse: '0' off, '1' on, 'r' removed.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;

/**
 * A stand-in for the packed Electron binary (not installed here): junk, the sentinel and a wire of
 * Electron's defaults, with one fuse more than @electron/fuses 1.8 names, as Electron 41 has.
 */
function fakeElectron(): Buffer {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];
  return Buffer.concat([
    Buffer.from('\x7fELF junk before'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, defaults.length, ...defaults]),
    Buffer.from('junk after'),
  ]);
}

async function fakePackedApp() {
  const appOutDir = await mkdtemp(join(tmpdir(), 'kassa-fuses-'));
  const binary = join(appOutDir, 'kassa');
  await writeFile(binary, fakeElectron());
  return { appOutDir, binary };
}

function expectHardened(wire: Record<number, number>) {
  expect({
    runAsNode: wire[FuseV1Options.RunAsNode],
    nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
    inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
    asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
    fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
  }).toEqual({
    runAsNode: OFF,
    nodeOptions: OFF,
    inspect: OFF,
    asarIntegrity: ON,
    onlyAsar: ON,
    cookieEncryption: ON,
    fileProtocolPrivileges: OFF,
  });
}

describe('Electron fuses at packaging', () => {
  it('turn off run-as-node, NODE_OPTIONS and --inspect, and turn on asar-only and asar integrity', async () => {
    const { binary } = await fakePackedApp();
    const before = await readFile(binary);
    await flipKassaFuses(binary);
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expectHardened(wire);
    // The fuse Kassa does not name and the rest of the binary are untouched.
    expect(wire[8]).toBe(ON);
    const after = await readFile(binary);
    expect(after.length).toBe(before.length);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart));
    expect(after.subarray(wireStart + 9)).toEqual(before.subarray(wireStart + 9));
  });

  it('stops the build when the binary has no fuse wire', async () => {
    const { binary } = await fakePackedApp();
    await writeFile(binary, 'not an electron binary');
    await expect(flipKassaFuses(binary)).rejects.toThrow(/sentinel/);
  });

  it('finds the packed binary where electron-builder puts it', () => {
    const packager = { executableName: 'kassa', appInfo: { productFilename: 'Kassa' } };
    expect(
      packedBinaryPath({ appOutDir: '/r/linux-unpacked', electronPlatformName: 'linux', packager }),
    ).toBe('/r/linux-unpacked/kassa');
    expect(packedBinaryPath({ appOutDir: '/r/win', electronPlatformName: 'win32', packager })).toBe(
      '/r/win/Kassa.exe',
    );
  });

  it('is the afterPack hook electron-builder loads from electron-builder.yml', async () => {
    const yml = await readFile(join(root, 'electron-builder.yml'), 'utf8');
    const hook = /^afterPack:\s*(\S+)\s*$/m.exec(yml)?.[1];
    expect(hook).toBe('./electron/build/after-pack.cjs');
    // Loaded by electron-builder's own hook loader, in a plain Node as `npm run dist` runs it.
    const { appOutDir, binary } = await fakePackedApp();
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: { executableName: 'kassa', appInfo: { productFilename: 'Kassa' } },
    };
    const script = `require('app-builder-lib/out/util/resolve')
      .resolveFunction('app', ${JSON.stringify(hook)}, 'afterPack', process.cwd())
      .then((afterPack) => afterPack(${JSON.stringify(context)}))`;
    await promisify(execFile)(process.execPath, ['-e', script], { cwd: root });
    expectHardened((await getCurrentFuseWire(binary)) as unknown as Record<number, number>);
  }, 30_000);
});
