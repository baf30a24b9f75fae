import type { AdminInteraction, AdminInteractionPage, InteractionKind, InteractionSource, InteractionStatus } from '@chorus/shared';
import { INTERACTION_KINDS, INTERACTION_SOURCES, INTERACTION_STATUSES, postKey } from '@chorus/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { badRequest, notFound } from '../common/chorus.exception';
import { PublicUrl } from '../common/public-url';
import { InteractionEntity } from '../interactions/entities/interaction.entity';
import { InteractionStore } from '../interactions/interaction-store.service';
import { toAdmin } from '../interactions/interaction.mapper';

export interface ListFilters {
  status?: string;
  source?: string;
  kind?: string;
  post?: string;
  q?: string;
  limit?: string;
  cursor?: string;
}

/** The moderation queue: listing with filters and cursors, and status changes. */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(InteractionEntity) private readonly interactions: Repository<InteractionEntity>,
    private readonly store: InteractionStore,
    private readonly publicUrl: PublicUrl,
  ) {}

  async list(filters: ListFilters): Promise<AdminInteractionPage> {
    const limit = filters.limit === undefined ? 50 : Number(filters.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('invalid_parameter', 'limit must be a whole number from 1 to 500.');
    const builder = this.interactions.createQueryBuilder('i').innerJoinAndSelect('i.post', 'p');
    for (const [name, value, allowed] of [
      ['status', filters.status, INTERACTION_STATUSES],
      ['source', filters.source, INTERACTION_SOURCES],
      ['kind', filters.kind, INTERACTION_KINDS],
    ] as const) {
      if (!value) continue;
      const values = value.split(',');
      const wrong = values.find((candidate) => !(allowed as readonly string[]).includes(candidate));
      if (wrong) throw badRequest('invalid_parameter', `${name}=${wrong} is not one of ${allowed.join(', ')}.`);
      builder.andWhere(`i.${name} IN (:...${name})`, { [name]: values });
    }
    if (filters.post) {
      const key = postKey(filters.post);
      if (key === null) throw badRequest('invalid_url', 'post must be the URL of a post.');
      builder.andWhere('p.url_key = :key', { key });
    }
    if (filters.q?.trim()) {
      const like = `%${filters.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(
        "(LOWER(i.content_text) LIKE :like ESCAPE '\\' OR LOWER(i.author_name) LIKE :like ESCAPE '\\' OR LOWER(i.author_url) LIKE :like ESCAPE '\\' OR LOWER(i.url) LIKE :like ESCAPE '\\' OR LOWER(p.title) LIKE :like ESCAPE '\\')",
        { like },
      );
    }
    if (filters.cursor) {
      const [received, id] = decodeCursor(filters.cursor);
      builder.andWhere('(i.received_at < :received OR (i.received_at = :received AND i.id < :id))', { received, id });
    }
    const rows = await builder.orderBy('i.receivedAt', 'DESC').addOrderBy('i.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => this.toAdmin(row)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.id) : null,
    };
  }

  async get(id: number): Promise<AdminInteraction> {
    return this.toAdmin(await this.load(id));
  }

  async setStatus(id: number, status: InteractionStatus): Promise<AdminInteraction> {
    const [entity] = await this.store.setStatus([await this.load(id)], status);
    return this.toAdmin(entity!);
  }

  async setStatusMany(ids: number[], status: InteractionStatus): Promise<{ updated: number; missing: number[] }> {
    const entities = await this.store.findByIds([...new Set(ids)]);
    const found = new Set(entities.map((entity) => entity.id));
    await this.store.setStatus(entities, status);
    return { updated: entities.length, missing: ids.filter((id) => !found.has(id)) };
  }

  async remove(id: number): Promise<void> {
    await this.store.remove([await this.load(id)]);
  }

  async pendingCount(): Promise<number> {
    return this.interactions.countBy({ status: 'pending' });
  }

  toAdmin(entity: InteractionEntity): AdminInteraction {
    return toAdmin(entity, { url: entity.post?.url ?? '', title: entity.post?.title ?? null }, this.publicUrl.get());
  }

  private async load(id: number): Promise<InteractionEntity> {
    const entity = await this.interactions.findOne({ where: { id }, relations: { post: true } });
    if (!entity) throw notFound('interaction_not_found', `There is no interaction ${id}.`);
    return entity;
  }
}

export function isKind(value: string): value is InteractionKind {
  return (INTERACTION_KINDS as readonly string[]).includes(value);
}

export function isSource(value: string): value is InteractionSource {
  return (INTERACTION_SOURCES as readonly string[]).includes(value);
}

function encodeCursor(received: number, id: number): string {
  return Buffer.from(`${received}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  const [received, id] = Buffer.from(cursor, 'base64url').toString().split(':').map(Number);
  if (!Number.isSafeInteger(received) || !Number.isSafeInteger(id)) throw badRequest('invalid_parameter', 'cursor is not one this API gave out; start again without it.');
  return [received!, id!];
}
