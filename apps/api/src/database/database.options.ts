import type { DataSource, DataSourceOptions } from 'typeorm';
import sqlite3 from 'sqlite3';
import type { ChorusConfig } from '../config/config';
import { SessionEntity } from '../auth/session.entity';
import { InteractionEntity } from '../interactions/entities/interaction.entity';
import { PostEntity } from '../interactions/entities/post.entity';
import { JobEntity } from '../jobs/job.entity';
import { AutoApproveRuleEntity } from '../moderation/entities/auto-approve-rule.entity';
import { BlocklistEntryEntity } from '../moderation/entities/blocklist-entry.entity';
import { MastodonTootEntity } from '../mastodon/entities/mastodon-toot.entity';
import { PushSubscriptionEntity } from '../notifications/entities/push-subscription.entity';
import { TootClaimEntity } from '../mastodon/entities/toot-claim.entity';
import { WebmentionRequestEntity } from '../webmention/entities/webmention-request.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { Mastodon1763900000000 } from './migrations/1763900000000-mastodon';
import { WebmentionRequests1763900200000 } from './migrations/1763900200000-webmention-requests';
import { PushSubscriptions1763900300000 } from './migrations/1763900300000-push-subscriptions';
import { ReadIndexes1763900400000 } from './migrations/1763900400000-read-indexes';
import { SettingEntity } from './setting.entity';

export const ENTITIES = [PostEntity, InteractionEntity, JobEntity, BlocklistEntryEntity, AutoApproveRuleEntity, SessionEntity, SettingEntity, TootClaimEntity, MastodonTootEntity, WebmentionRequestEntity, PushSubscriptionEntity];

/** In order; never edit one that is committed, add a new one. */
export const MIGRATIONS = [Initial1763800000000, Mastodon1763900000000, WebmentionRequests1763900200000, PushSubscriptions1763900300000, ReadIndexes1763900400000];

/** A `?schema=` parameter selects the PostgreSQL schema (created if missing); the rest is pg's own URL. */
export function postgresConnection(databaseUrl: string): { url: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid schema name ${JSON.stringify(schema)} in CHORUS_DATABASE_URL.`);
  return { url: url.href, schema };
}

/**
 * WAL + synchronous=NORMAL on SQLite: commits survive a process crash (kill -9); only an OS crash
 * or power loss can lose the last moments. The usual production setting in WAL mode. (TypeORM's
 * SQLite driver keeps one connection, so setting it once is enough.)
 */
export async function tuneDatabase(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
}

/**
 * sqlite3 as TypeORM loads it, minus `verbose()`: TypeORM always calls it, and its long stack traces
 * capture a stack and `util.inspect` every SQL text and parameter on every query (with them, the
 * webmention benchmark ran at two thirds of its speed). Errors still carry the SQL (QueryFailedError).
 */
const quietSqlite3: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => quietSqlite3 });

export function dataSourceOptions(config: ChorusConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, migrationsTransactionMode: 'each', synchronize: false, logging: false } as const;
  if (config.database.type === 'sqlite') {
    return { ...common, type: 'sqlite', driver: quietSqlite3, database: config.database.path, enableWAL: true, busyTimeout: 10_000 };
  }
  const { url, schema } = postgresConnection(config.database.url);
  return { ...common, type: 'postgres', url, schema, extra: { max: 20, options: `-c search_path=${schema}` } };
}
