import { describe, expect, it } from 'vitest';
import {
  hashSecret,
  newPairingCode,
  newToken,
  normalizePairingCode,
} from '../../../sync-server/src/domain/tokens';

describe('tokens and pairing codes', () => {
  it('makes unguessable tokens and stores only a hash', () => {
    const a = newToken();
    expect(a).not.toBe(newToken());
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a code typed in lower case, with spaces or without the dash', () => {
    const code = newPairingCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normalizePairingCode(code.toLowerCase())).toBe(code);
    expect(normalizePairingCode(` ${code.replace('-', '')} `)).toBe(code);
  });
});
