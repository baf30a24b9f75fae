import { postKey } from '@chorus/shared';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, QueryFailedError, type Repository } from 'typeorm';
import { badRequest } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { PublicUrl } from '../common/public-url';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { MastodonConnection } from '../mastodon/mastodon-connection.service';
import { PostEntity } from './entities/post.entity';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 28 base32 characters = 140 random bits: unguessable, and safe in an email local part. */
export function newReplyToken(): string {
  return [...randomBytes(28)].map((byte) => BASE32[byte & 31]).join('');
}

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly publicUrl: PublicUrl,
    private readonly clock: Clock,
    private readonly mastodon: MastodonConnection,
  ) {}

  /** The post a URL names under the lenient rule, if Chorus knows it. */
  async find(url: string): Promise<PostEntity | null> {
    const key = postKey(url);
    return key === null ? null : this.posts.findOneBy({ urlKey: key });
  }

  findByKeys(keys: string[]): Promise<PostEntity[]> {
    return this.posts.findBy({ urlKey: In(keys) });
  }

  findById(id: number): Promise<PostEntity | null> {
    return this.posts.findOneBy({ id });
  }

  findByReplyToken(token: string): Promise<PostEntity | null> {
    return this.posts.findOneBy({ replyToken: token.toLowerCase() });
  }

  /** Finds or registers the post; concurrent callers for the same post get the same row. */
  async ensure(url: string, details: { title?: string | null; ignored?: boolean } = {}): Promise<PostEntity> {
    const key = postKey(url);
    if (key === null) throw badRequest('invalid_url', `${JSON.stringify(url)} is not an http(s) URL of a post.`);
    const existing = await this.posts.findOneBy({ urlKey: key });
    if (existing) return existing;
    const now = this.clock.now();
    const post = this.posts.create({
      url,
      urlKey: key,
      title: details.title ?? null,
      ignored: details.ignored ?? false,
      tootId: null,
      tootUrl: null,
      replyToken: newReplyToken(),
      createdAt: now,
      updatedAt: now,
    });
    try {
      return await this.posts.save(post, { transaction: false });
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
      const winner = await this.posts.findOneBy({ urlKey: key });
      if (!winner) throw error;
      return winner;
    }
  }

  async update(post: PostEntity, changes: Partial<Pick<PostEntity, 'url' | 'title' | 'tootId' | 'tootUrl' | 'ignored'>>): Promise<PostEntity> {
    Object.assign(post, changes, { updatedAt: this.clock.now() });
    return this.posts.save(post, { transaction: false });
  }

  /** The toot id and canonical URL of a toot URL on the owner's instance (any URL form; verified when Mastodon is configured). */
  resolveToot(tootUrl: string): Promise<{ tootId: string; tootUrl: string }> {
    return this.mastodon.resolveToot(tootUrl);
  }

  list(options: { limit: number; offset: number }): Promise<[PostEntity[], number]> {
    return this.posts.findAndCount({ order: { id: 'DESC' }, take: options.limit, skip: options.offset });
  }

  /** `post.replyAddress`: a +tag of the IMAP mailbox when one is polled, else `reply+<token>@<reply domain>`; null without email intake. */
  replyAddress(post: PostEntity): string | null {
    const base = this.replyAddressBase();
    return base ? `${base.localPart}+${post.replyToken}@${base.domain}` : null;
  }

  /**
   * The address every reply address is a +tag of. An explicitly configured IMAP mailbox wins over the
   * default-on SMTP listener; a set CHORUS_REPLY_DOMAIN counts as SMTP intake even on a replica whose
   * own listener is off (another replica, or a relay, receives for it).
   */
  replyAddressBase(): { localPart: string; domain: string } | null {
    if (this.config.imap) return this.config.imap.address;
    if (this.config.smtp.port === 0 && !this.config.replyDomain) return null;
    return { localPart: 'reply', domain: this.config.replyDomain ?? new URL(this.publicUrl.get()).hostname };
  }
}
