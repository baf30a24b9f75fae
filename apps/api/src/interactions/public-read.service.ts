import { INTERACTION_KINDS, postKey, postKeyHost, type InteractionCounts, type PostInteractionsResponse, type PublicInteraction } from '@chorus/shared';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '../common/chorus.exception';
import { PublicUrl } from '../common/public-url';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { InteractionEntity } from './entities/interaction.entity';
import { toPublic } from './interaction.mapper';
import { PostsService } from './posts.service';
import { KIND_BY_WM_PROPERTY, toJf2Entry, toLegacyLink } from './webmention-io.format';

type Query = Record<string, string | string[] | undefined>;

export interface MentionsQuery {
  postKeys: string[];
  host: string | null;
  perPage: number;
  page: number;
  since: number | null;
  sinceId: number | null;
  sortBy: 'receivedAt' | 'updatedAt' | 'publishedAt';
  ascending: boolean;
  kinds: string[] | null;
}

const SORT_COLUMNS = { created: 'receivedAt', updated: 'updatedAt', published: 'publishedAt' } as const;
const MAX_PER_PAGE = 1000;

/** The public read side: approved interactions only, private fields never selected into a response. */
@Injectable()
export class PublicReadService {
  constructor(
    @InjectRepository(InteractionEntity) private readonly interactions: Repository<InteractionEntity>,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly posts: PostsService,
    private readonly publicUrl: PublicUrl,
  ) {}

  /** `GET /api/interactions?url=`. A post on a target domain is registered on first sight (it gets its reply address). */
  async forPost(url: string): Promise<PostInteractionsResponse> {
    const post = (await this.posts.find(url)) ?? (this.acceptsPost(url) ? await this.posts.ensure(url) : null);
    if (!post) {
      return { post: { url, title: null, tootUrl: null, replyAddress: null }, counts: emptyCounts(), items: [] };
    }
    const rows = await this.interactions
      .createQueryBuilder('i')
      .where('i.post_id = :postId AND i.status = :status', { postId: post.id, status: 'approved' })
      .orderBy('COALESCE(i.published_at, i.received_at)', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
    const items = rows.map((row) => toPublic(row, post.url, this.publicUrl.get()));
    const counts = emptyCounts();
    for (const item of items) counts[item.kind]++;
    counts.total = items.length;
    return { post: { url: post.url, title: post.title, tootUrl: post.tootUrl, replyAddress: this.posts.replyAddress(post) }, counts, items };
  }

  parseMentionsQuery(query: Query): MentionsQuery {
    const targets = [...list(query.target), ...list(query['target[]'])];
    const domain = first(query.domain);
    if (!targets.length && !domain) {
      throw badRequest('missing_parameter', 'Give target=<post URL> (or several target[]=…) or domain=<host name>.');
    }
    const postKeys = targets.map((target) => postKey(target.includes('://') ? target : `https://${target}`));
    if (postKeys.some((key) => key === null)) throw badRequest('invalid_url', 'Every target must be an http(s) URL of a post.');
    const host = domain ? postKeyHost(domain) : null;
    if (domain && !host) throw badRequest('invalid_parameter', `domain=${JSON.stringify(domain)} is not a host name.`);
    const sortBy = first(query['sort-by']) ?? 'created';
    if (!(sortBy in SORT_COLUMNS)) throw badRequest('invalid_parameter', 'sort-by must be created, updated or published.');
    const properties = [...list(query['wm-property']), ...list(query['wm-property[]'])];
    const unknown = properties.find((property) => !KIND_BY_WM_PROPERTY.has(property));
    if (unknown) throw badRequest('invalid_parameter', `wm-property=${unknown} is not one of ${[...KIND_BY_WM_PROPERTY.keys()].join(', ')}.`);
    return {
      postKeys: postKeys as string[],
      host,
      perPage: integer(first(query['per-page']) ?? first(query.perPage), 'per-page', 20, 1, MAX_PER_PAGE),
      page: integer(first(query.page), 'page', 0, 0, 1_000_000),
      since: timestamp(first(query.since)),
      sinceId: first(query.since_id) === undefined ? null : integer(first(query.since_id), 'since_id', 0, 0, Number.MAX_SAFE_INTEGER),
      sortBy: SORT_COLUMNS[sortBy as keyof typeof SORT_COLUMNS],
      ascending: (first(query['sort-dir']) ?? 'down') !== 'down',
      kinds: properties.length ? properties.map((property) => KIND_BY_WM_PROPERTY.get(property)!) : null,
    };
  }

  async mentionsJf2(query: MentionsQuery) {
    const children = (await this.mentions(query)).map(({ item, wmSource }) => toJf2Entry(item, wmSource));
    return { type: 'feed', name: 'Webmentions', children };
  }

  async mentionsLegacy(query: MentionsQuery) {
    return { links: (await this.mentions(query)).map(({ item, wmSource }) => toLegacyLink(item, wmSource)) };
  }

  async count(query: MentionsQuery) {
    const builder = await this.approved(query);
    if (!builder) return { count: 0, type: {} };
    const rows = await builder
      .select('i.kind', 'kind')
      .addSelect('i.rsvp', 'rsvp')
      .addSelect('COUNT(*)', 'n')
      .groupBy('i.kind')
      .addGroupBy('i.rsvp')
      .getRawMany<{ kind: string; rsvp: string | null; n: string | number }>();
    const type: Record<string, number> = {};
    let count = 0;
    for (const row of rows) {
      const key = row.kind === 'rsvp' ? `rsvp-${row.rsvp ?? 'yes'}` : row.kind;
      type[key] = (type[key] ?? 0) + Number(row.n);
      count += Number(row.n);
    }
    return { count, type };
  }

  private async mentions(query: MentionsQuery): Promise<{ item: PublicInteraction; wmSource: string | null }[]> {
    const direction = query.ascending ? 'ASC' : 'DESC';
    const builder = await this.approved(query);
    if (!builder) return [];
    const rows = await builder
      .addSelect(['p.id', 'p.url'])
      .orderBy(`i.${query.sortBy}`, direction)
      .addOrderBy('i.id', direction)
      .offset(query.page * query.perPage)
      .limit(query.perPage)
      .getMany();
    return rows.map((row) => ({
      item: toPublic(row, row.post!.url, this.publicUrl.get()),
      wmSource: row.source === 'webmention' || row.source === 'pingback' || (row.source === 'mastodon' && row.kind === 'reply') ? row.sourceUrl : null,
    }));
  }

  /**
   * Approved interactions matching the query, or null when no post matches. Targets are resolved
   * to post ids first so the (post_id, status) index serves the query.
   */
  private async approved(query: MentionsQuery): Promise<SelectQueryBuilder<InteractionEntity> | null> {
    const builder = this.interactions
      .createQueryBuilder('i')
      .innerJoin('i.post', 'p')
      .where('i.status = :status', { status: 'approved' });
    if (query.postKeys.length) {
      const posts = await this.posts.findByKeys(query.postKeys);
      if (!posts.length) return null;
      builder.andWhere('i.post_id IN (:...postIds)', { postIds: posts.map((post) => post.id) });
    }
    if (query.host) {
      builder.andWhere('(p.url_key LIKE :hostPath OR p.url_key LIKE :hostPort OR p.url_key = :hostOnly)', {
        hostPath: `${query.host}/%`,
        hostPort: `${query.host}:%`,
        hostOnly: query.host,
      });
    }
    if (query.since !== null) builder.andWhere('i.received_at > :since', { since: query.since });
    if (query.sinceId !== null) builder.andWhere('i.id > :sinceId', { sinceId: query.sinceId });
    if (query.kinds) builder.andWhere('i.kind IN (:...kinds)', { kinds: query.kinds });
    return builder;
  }

  private acceptsPost(url: string): boolean {
    const host = postKeyHost(url);
    if (!host || !this.config.targetDomains.some((domain) => postKeyHost(domain) === host)) return false;
    return !this.config.postPattern || this.config.postPattern.test(url);
  }
}

export function emptyCounts(): InteractionCounts {
  return Object.fromEntries([...INTERACTION_KINDS, 'total'].map((key) => [key, 0])) as InteractionCounts;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw badRequest('invalid_parameter', `${name} must be a whole number from ${min} to ${max}.`);
  return value;
}

function timestamp(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Date.parse(raw);
  if (Number.isNaN(value)) throw badRequest('invalid_parameter', `since=${JSON.stringify(raw)} is not a date; use ISO 8601 such as 2026-11-21T10:00:00Z.`);
  return value;
}
