import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../../electron/launch/electron-binary';

describe('finding the Electron binary without triggering its download', () => {
  it('answers null when the package was installed without its binary', async () => {
    const pkg = await mkdtemp(join(tmpdir(), 'kassa-electron-'));
    expect(findElectronBinary(pkg, {})).toBeNull();
    await writeFile(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(pkg, {})).toBeNull(); // path.txt but no dist/
  });

  it('finds dist/<path.txt>, or the override dist path', async () => {
    const pkg = await mkdtemp(join(tmpdir(), 'kassa-electron-'));
    await writeFile(join(pkg, 'path.txt'), 'electron');
    await mkdir(join(pkg, 'dist'));
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(pkg, {})).toBe(join(pkg, 'dist', 'electron'));
    const other = await mkdtemp(join(tmpdir(), 'kassa-electron-dist-'));
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBeNull();
    await writeFile(join(other, 'electron'), '');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBe(join(other, 'electron'));
  });
});
