import {
  FuseV1Options,
  FuseVersion,
  flipFuses,
  getCurrentFuseWire,
  type FuseV1Config,
} from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { join } from 'node:path';

/**
 * Electron's fuses, flipped in the packed binary by electron-builder's afterPack hook
 * (after-pack.cjs). They switch off the ways to turn the shipped till into a general Node or a
 * debuggable process, whatever the environment or command line of whoever starts it.
 * Not `strictlyRequireAllFuses`: an Electron newer than @electron/fuses has more fuses than it
 * names, and the build would stop for a fuse we cannot set; the read-back below checks ours.
 */
export const kassaFuses = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node; Kassa forks no process.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could load code or trust another CA.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and SIGUSR1 would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Checks app.asar against the hash electron-builder embeds (Electron enforces it on macOS and
  // Windows; on Linux the fuse is accepted and has no effect yet).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // No loose resources/app folder next to app.asar is ever loaded instead of it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The page is app://kassa, never file://, so file:// needs none of Chromium's extra rights.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config;

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: {
    readonly executableName?: string;
    readonly appInfo: { readonly productFilename: string };
  };
}

/** Where the packed Electron binary is, the way electron-builder's own addElectronFuses finds it. */
export function packedBinaryPath(app: PackedApp): string {
  const { appOutDir, electronPlatformName: platform, packager } = app;
  if (platform === 'linux')
    return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  const ext = platform === 'win32' ? '.exe' : platform === 'darwin' || platform === 'mas' ? '.app' : '';
  return join(appOutDir, `${packager.appInfo.productFilename}${ext}`);
}

/**
 * Flips Kassa's fuses in the binary and reads them back; throws (stopping the build) if one did
 * not take, e.g. a fuse this Electron no longer has.
 */
export async function flipKassaFuses(binaryPath: string): Promise<void> {
  await flipFuses(binaryPath, kassaFuses);
  const wire = await getCurrentFuseWire(binaryPath);
  const wrong = configuredFuses().filter(
    ([fuse, on]) => wire[fuse] !== (on ? FuseState.ENABLE : FuseState.DISABLE),
  );
  if (wrong.length > 0)
    throw new Error(
      `Electron fuses not set in ${binaryPath}: ${wrong.map(([f]) => FuseV1Options[f]).join(', ')}`,
    );
}

export function configuredFuses(): [FuseV1Options, boolean][] {
  return Object.entries(kassaFuses)
    .filter(([key]) => key !== 'version')
    .map(([key, on]) => [Number(key) as FuseV1Options, on as boolean]);
}

export async function afterPack(app: PackedApp): Promise<void> {
  await flipKassaFuses(packedBinaryPath(app));
}
