import type { Kysely } from 'kysely';

/** Server-held secrets (the member-app code key), shared by every instance through the database (placeholder: filled in by the work that needs it, before it is released). */
export function serverSecretsMigration() {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
