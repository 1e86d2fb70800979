import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../storage';
import { initialMigration } from './0001-initial';
import { journalCanGrowMigration } from './0002-journal-can-grow';
import { membersProgramsLedgerMigration } from './0003-members-programs-ledger';
import { serverStreamMigration } from './0004_server-stream';
import { storeRegionsMigration } from './0005_store-regions';
import { serverSecretsMigration } from './0006_server-secrets';
import { cardRangesMigration } from './0007_card-ranges';
import { rewardsMigration } from './0008_rewards';
import { referralsMigration } from './0009_referrals';
import { spendingMigration } from './0010_spending';
import { giftCardsMigration } from './0011_gift-cards';
import { storePolicyMigration } from './0012_store-policy';
import { exceptionResolutionMigration } from './0013_exception-resolution';
import { syncStatusMigration } from './0014_sync-status';
import { shiftsMigration } from './0015_shifts';
import { reportsMigration } from './0016_reports';
import { backofficeUsersMigration } from './0017_backoffice-users';
import { reportIndexesMigration } from './0018_report-indexes';
import { tierHistoryMigration } from './0019_tier-history';
import { terminalRevocationMigration } from './0020_terminal-revocation';
import { cursorStreamIndexMigration } from './0021_cursor-stream-index';

/**
 * Forward-only migrations, one list for both dialects (Kysely's migrator keeps the applied list in
 * `kysely_migration` and refuses to run when the database has one this list lacks, or when a new
 * one sorts before an applied one). Add a file; never edit or remove one.
 */
export function migrations(dialect: Dialect): MigrationProvider {
  const all: Record<string, Migration> = {
    '0001_initial': initialMigration(dialect),
    '0002_journal-can-grow': journalCanGrowMigration(dialect),
    '0003_members-programs-ledger': membersProgramsLedgerMigration(dialect),
    '0004_server-stream': serverStreamMigration(),
    '0005_store-regions': storeRegionsMigration(),
    '0006_server-secrets': serverSecretsMigration(),
    '0007_card-ranges': cardRangesMigration(),
    '0008_rewards': rewardsMigration(),
    '0009_referrals': referralsMigration(),
    '0010_spending': spendingMigration(),
    '0011_gift-cards': giftCardsMigration(),
    '0012_store-policy': storePolicyMigration(dialect),
    '0013_exception-resolution': exceptionResolutionMigration(dialect),
    '0014_sync-status': syncStatusMigration(dialect),
    '0015_shifts': shiftsMigration(dialect),
    '0016_reports': reportsMigration(dialect),
    '0017_backoffice-users': backofficeUsersMigration(dialect),
    '0018_report-indexes': reportIndexesMigration(dialect),
    '0019_tier-history': tierHistoryMigration(dialect),
    '0020_terminal-revocation': terminalRevocationMigration(dialect),
    '0021_cursor-stream-index': cursorStreamIndexMigration(),
  };
  return { getMigrations: async () => all };
}
