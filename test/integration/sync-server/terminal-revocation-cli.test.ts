import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { saveStores } from '../../../sync-server/src/domain/stores';
import { authenticateTerminal } from '../../../sync-server/src/domain/terminal-auth';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { kassa } from './support/cli';
import { amsterdamStore } from './support/seed';

/**
 * `kassa-server terminals` and `terminals revoke <id> --reason …` (issue 11, item 17) on a temp
 * data dir (SQLite): the listing shows who revoked a till, when and why; the credential is refused
 * from then on; an unknown id is a one-line failure and changes nothing.
 */
describe('kassa-server terminals revoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-revoke-cli-'));
  const dataDir = join(dir, 'data');
  const tills: { terminalId: string; token: string }[] = [];
  const NOW = Date.parse('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    const s = await SqliteStorage.open(dataDir);
    try {
      expect((await saveStores(s, amsterdamStore('ams-01', 'Winkel Amsterdam'), 1)).ok).toBe(true);
      for (const name of ['Kassa 1', 'Kassa 2']) {
        const code = await issuePairingCode(s, 'ams-01', NOW);
        if (!code.ok) throw new Error(code.message);
        const paired = await pairTerminal(s, { code: code.value.code, terminalName: name }, NOW);
        if (!paired.ok) throw new Error(paired.message);
        tills.push({ terminalId: paired.value.terminalId, token: paired.value.token });
      }
    } finally {
      await s.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('revokes one till with a reason, lists the audit, refuses its token, and refuses an unknown id', async () => {
    const [stolen, kept] = tills as [(typeof tills)[0], (typeof tills)[0]];
    const revoked = await kassa([
      'terminals',
      'revoke',
      stolen.terminalId,
      '--reason',
      'till stolen from the shop floor',
      '--data-dir',
      dataDir,
    ]);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toMatch(
      new RegExp(`^Terminal ${stolen.terminalId} revoked: its next push or pull is refused`),
    );

    const listed = await kassa(['terminals', '--json', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    const { terminals } = JSON.parse(listed.stdout) as {
      terminals: {
        terminalId: string;
        revocation: { revokedAt: number; revokedBy: string; reason: string } | null;
      }[];
    };
    const byId = new Map(terminals.map((t) => [t.terminalId, t.revocation]));
    expect(byId.get(kept.terminalId)).toBeNull();
    const audit = byId.get(stolen.terminalId);
    expect(audit).toMatchObject({
      reason: 'till stolen from the shop floor',
      revokedBy: expect.stringMatching(/^cli/),
    });
    expect(Math.abs((audit?.revokedAt ?? 0) - Date.now())).toBeLessThan(120_000);

    const unknown = await kassa(['terminals', 'revoke', 'T-NOPE', '--data-dir', dataDir]);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'Nothing revoked: No terminal T-NOPE.\n' });

    const s = await SqliteStorage.open(dataDir);
    try {
      expect(await authenticateTerminal(s, stolen.token, Date.now())).toMatchObject({
        ok: false,
        reason: 'terminal-revoked',
      });
      expect(await authenticateTerminal(s, kept.token, Date.now())).toMatchObject({ ok: true });
    } finally {
      await s.close();
    }
  }, 90_000);
});
