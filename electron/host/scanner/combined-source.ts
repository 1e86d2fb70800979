import type { DeviceSource } from './device-source';

/**
 * Several device sources as one (real devices plus the demo scanner of `npm start`). Each device
 * is opened through the source that listed it; paths are namespaced so they cannot collide.
 */
export function combineSources(sources: Readonly<Record<string, DeviceSource>>): DeviceSource {
  const names = Object.keys(sources);
  return {
    async list() {
      const lists = await Promise.all(
        names.map(async (name) => {
          try {
            return (await sources[name]!.list()).map((d) => ({ ...d, path: `${name}:${d.path}` }));
          } catch (e) {
            // One broken source (no libusb) must not hide the others' devices.
            if (names.length === 1) throw e;
            return [];
          }
        }),
      );
      return lists.flat();
    },
    async open(path) {
      const at = path.indexOf(':');
      const source = sources[path.slice(0, at)];
      if (at < 0 || !source) throw new Error(`no device source for ${path}`);
      return source.open(path.slice(at + 1));
    },
  };
}
