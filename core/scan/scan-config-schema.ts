import { z } from 'zod';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from '../result/result';
import { variableMeasureLayoutSchema } from '../store/store-settings';
import type { ScanConfig } from './scan-config';

/**
 * The JSON form of a store's ScanConfig, as the server serves it and a terminal stores it:
 * the same shape with each key's secret as hex. `parseScanConfig` checks it at the edge.
 */
const hexSecret = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{2}){16,64}$/, 'must be 16–64 bytes of hex')
  .transform((hex) => hexToBytes(hex.toLowerCase()));

const loyaltyCardFormatSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  prefix: z.string().regex(/^\d{0,12}$/, 'must be digits'),
  length: z.number().int().min(4).max(24),
  checkDigit: z.enum(['gs1', 'luhn', 'mod11', 'none']),
});

const signedCodeFormatSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['coupon', 'gift-card']),
    name: z.string().min(1),
    prefix: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{1,8}$/, 'must be upper-case Crockford base32 (no I, L, O, U)'),
    alphabet: z.enum(['digits', 'base32']),
    payloadLength: z.number().int().min(1).max(40),
    fields: z.array(z.object({ name: z.string().min(1), length: z.number().int().positive() })),
    macLength: z.number().int().min(4).max(16),
    keys: z.array(z.object({ id: z.string().min(1), secret: hexSecret })).min(1),
  })
  .superRefine((f, ctx) => {
    if (f.alphabet === 'digits' && (f.macLength > 12 || !/^\d+$/.test(f.prefix))) {
      ctx.addIssue({
        code: 'custom',
        path: ['macLength'],
        message: 'digit codes need a digit prefix and at most 12 MAC digits',
      });
    }
    if (f.fields.reduce((s, x) => s + x.length, 0) > f.payloadLength) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'fields are longer than the payload' });
    }
  });

const memberQrFormatSchema = z.object({
  prefix: z.string().min(1).max(32),
  digits: z.number().int().min(6).max(10),
  stepSeconds: z.number().int().min(5).max(300),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']),
  toleranceSteps: z.number().int().min(0).max(3),
  lookbackSteps: z.number().int().min(0).max(120),
});

export const scanConfigJsonSchema = z.object({
  loyaltyCards: z.array(loyaltyCardFormatSchema),
  signedCodes: z.array(signedCodeFormatSchema),
  memberQr: memberQrFormatSchema.optional(),
  products: z.object({ variableMeasure: z.array(variableMeasureLayoutSchema) }),
});

/** Validates a store's scan configuration from JSON; the message names the first bad field. */
export function parseScanConfig(json: unknown): Result<ScanConfig, 'invalid-scan-config'> {
  const r = scanConfigJsonSchema.safeParse(json);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  return err(
    'invalid-scan-config',
    `Scan configuration: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`,
  );
}

/** The JSON form of a ScanConfig (secrets as hex), e.g. for the server's demo seed. */
export function scanConfigToJson(config: ScanConfig): z.input<typeof scanConfigJsonSchema> {
  return {
    ...config,
    loyaltyCards: [...config.loyaltyCards],
    signedCodes: config.signedCodes.map((f) => ({
      ...f,
      fields: [...f.fields],
      keys: f.keys.map((k) => ({ id: k.id, secret: bytesToHex(k.secret) })),
    })),
    products: { variableMeasure: [...config.products.variableMeasure] },
  };
}
