import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeChannels } from '../../../core/bridge/kassa-host';
import { contentSecurityPolicy } from '../../../electron/host/csp';

/**
 * The static half of Electron's security checklist, run in CI: it reads the sources that ship
 * (main process, preload, IPC groups, CSP, renderer pages) so that a window created elsewhere, a
 * weakened preference, an unguarded channel or a loosened CSP fails here before it is packaged.
 * The behaviour of the same modules is tested in test/unit/electron/main/.
 */
const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function sourceFiles(dir: string, ext = /\.tsx?$/): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Source without comments, so a comment that mentions a setting neither passes nor fails a check. */
function code(path: string): string {
  return read(path)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const electronSources = sourceFiles('electron');
const ipcGroups = sourceFiles('electron/main/ipc').filter((f) => f.endsWith('-ipc.ts'));

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('windows and web preferences', () => {
  it('create every BrowserWindow from createWindowOptions, with the sandbox on for the whole app', () => {
    const creators = electronSources.filter((f) => /new BrowserWindow\(/.test(code(f)));
    expect(creators).toEqual(['electron/main/main.ts']);
    const main = code('electron/main/main.ts');
    expect([...main.matchAll(/new BrowserWindow\(([^)]*)\)/g)].map((m) => m[1])).toEqual([
      'createWindowOptions(preloadPath',
    ]);
    expect(main).toMatch(/app\.enableSandbox\(\)/);
  });

  it('never weaken a preference anywhere in the Electron sources', () => {
    const weakening =
      /\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b|\b(nodeIntegration\w*|allowRunningInsecureContent|webviewTag|experimentalFeatures)\s*:\s*true\b|disable-web-security|\bwebPreferences\s*:/;
    const offenders = electronSources.filter(
      (f) => f !== 'electron/main/window-options.ts' && weakening.test(code(f)),
    );
    expect(offenders).toEqual([]);
    expect(code('electron/main/window-options.ts')).not.toMatch(
      /\b(contextIsolation|sandbox|webSecurity)\s*:\s*false\b|\b(nodeIntegration\w*|allowRunningInsecureContent|webviewTag)\s*:\s*true\b/,
    );
  });

  it('harden every web contents and the default session in main', () => {
    const main = code('electron/main/main.ts');
    expect(main).toMatch(/app\.on\(\s*'web-contents-created',[^)]*\)\s*=>\s*hardenWebContents\(contents\)/);
    expect(main).toMatch(/hardenSession\(session\.defaultSession\)/);
    // No other session (partition) that would escape hardenSession.
    expect(electronSources.filter((f) => /session\.fromPartition|partition\s*:/.test(code(f)))).toEqual([]);
    // Nothing opens links or files outside the app.
    expect(electronSources.filter((f) => /shell\.(openExternal|openPath)/.test(code(f)))).toEqual([]);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts, no inline code or eval, and nothing by default but ourselves', () => {
    for (const server of [null, 'http://127.0.0.1:8787', 'https://kassa.example:443/base']) {
      const d = directives(contentSecurityPolicy(server));
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'none'"]);
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
      for (const [name, values] of d) {
        expect(values, name).not.toContain('*');
        expect(values, name).not.toContain("'unsafe-eval'");
        if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
      }
    }
  });

  it('cannot be widened by whatever server URL a pairing stored', () => {
    const baseline = directives(contentSecurityPolicy(null));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.constantFrom(
            "http://x; script-src * 'unsafe-eval'",
            'javascript:alert(1)',
            "https://a.example/'unsafe-inline'",
            'data:text/html,<script>1</script>',
            'http://a b;c',
          ),
        ),
        (server) => {
          const d = directives(contentSecurityPolicy(server));
          expect([...d.keys()]).toEqual([...baseline.keys()]);
          for (const [name, values] of d) {
            if (name === 'connect-src') {
              expect(values[0]).toBe("'self'");
              expect(values.length).toBeLessThanOrEqual(2);
              if (values[1]) expect(values[1]).toMatch(/^https?:\/\/[^\s;'*]+$/);
            } else expect(values, name).toEqual(baseline.get(name));
          }
        },
      ),
    );
  });

  it('is also the baseline in the pages themselves: no inline script, no eval', () => {
    for (const page of ['renderer/index.html', 'renderer/backoffice.html']) {
      const html = read(page);
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
      expect(meta, page).toBeDefined();
      const d = directives(meta!);
      expect(d.get('script-src'), page).toEqual(["'self'"]);
      expect(d.get('default-src'), page).toEqual(["'self'"]);
      // Every script is a file: an inline one would be blocked by script-src 'self' anyway.
      expect(
        [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => m[2]!.trim()),
        page,
      ).toEqual([]);
    }
  });

  it('the renderer never turns data into HTML', () => {
    const offenders = sourceFiles('renderer/src').filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(
        code(f),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('preload', () => {
  const preload = code('electron/preload/preload.ts');

  it('exposes one object, window.kassa, and never ipcRenderer or a channel chosen by the page', () => {
    expect([...preload.matchAll(/exposeInMainWorld\(([^)]*)\)/g)].map((m) => m[1])).toEqual([
      "'kassa', kassa",
    ]);
    // ipcRenderer is only called, never handed on as a value.
    expect(
      preload
        .replace(/ipcRenderer\.(invoke|on|off)\(/g, '')
        .replace(/\{[^}]*ipcRenderer[^}]*\}\s*from 'electron'/, ''),
    ).not.toMatch(/ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|sendToHost|postMessage)\b/);
    const invoked = [...preload.matchAll(/ipcRenderer\.invoke\(([^,)]+)/g)].map((m) => m[1]);
    const subscribed = [...preload.matchAll(/subscribe\(([^,)]+),/g)].map((m) => m[1]);
    for (const channel of [...invoked, ...subscribed]) expect(channel).toMatch(/^bridgeChannels\.\w+$/);
    expect(new Set([...invoked, ...subscribed].map((c) => c!.split('.')[1]))).toEqual(
      new Set(Object.keys(bridgeChannels)),
    );
  });
});

describe('IPC', () => {
  const invokeChannels = [
    ...code('electron/preload/preload.ts').matchAll(/ipcRenderer\.invoke\(bridgeChannels\.(\w+)/g),
  ].map((m) => m[1]!);

  it('answers requests only through ipc.handle, never fire-and-forget listeners', () => {
    const listeners = electronSources.filter((f) =>
      /ipcMain\.(on|once|addListener)\(|\bipc\.(on|once)\(/.test(code(f)),
    );
    expect(listeners).toEqual([]);
    const handlers = electronSources.filter((f) => /\.handle(Once)?\(\s*bridgeChannels\./.test(code(f)));
    expect(handlers.sort()).toEqual(ipcGroups.sort());
  });

  it('checks the sender frame first and parses the arguments on every channel, one handler per channel', () => {
    const handled: string[] = [];
    for (const group of ipcGroups) {
      const bodies = code(group)
        .split(/\bipc\.handle\(/)
        .slice(1);
      for (const body of bodies) {
        const channel = /^\s*bridgeChannels\.(\w+)/.exec(body)?.[1];
        expect(channel, `${group}: channel`).toBeDefined();
        handled.push(channel!);
        const handler = body.slice(0, body.search(/\n {2}\}\);/));
        expect(handler, `${group} ${channel}`).toMatch(/async \(event, \.\.\.args\)/);
        // The first statement refuses a foreign frame, before anything reads the arguments.
        expect(handler, `${group} ${channel}`).toMatch(
          /=>\s*\{\s*if \(!isTrustedSender\(event\)\) throw new ForeignSenderError/,
        );
        expect(handler, `${group} ${channel}`).toMatch(/\.safeParse\(args\)/);
      }
    }
    expect(handled.sort()).toEqual([...invokeChannels].sort());
  });

  it('registers every channel group in main', () => {
    const main = code('electron/main/main.ts');
    for (const group of ipcGroups) {
      const exported = [...code(group).matchAll(/export function (register\w+Ipc)\(/g)].map((m) => m[1]!);
      expect(exported, group).toHaveLength(1);
      expect(main, group).toMatch(new RegExp(`\\b${exported[0]}\\(\\s*ipcMain\\b`));
    }
  });
});
