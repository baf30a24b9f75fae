import { sanitizeContent, type InteractionDraft } from '@chorus/adapters';
import { INTERACTION_KINDS, INTERACTION_SOURCES, INTERACTION_STATUSES, RSVP_VALUES, type AdminInteraction } from '@chorus/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { badRequest } from '../common/chorus.exception';
import { sha256 } from '../common/hash';
import { InteractionEntity } from '../interactions/entities/interaction.entity';
import { InteractionStore } from '../interactions/interaction-store.service';
import { toJf2Entry } from '../interactions/webmention-io.format';
import { ModerationService } from './moderation.service';

/** The export format: the admin view plus the dedupe key, so a re-import updates instead of duplicating. */
export type ExportItem = AdminInteraction & { dedupeKey: string };

const MAX_IMPORT = 10_000;

/** Export of every interaction (JSON or JF2) and import of such an export (or of seed data). */
@Injectable()
export class TransferService {
  constructor(
    @InjectRepository(InteractionEntity) private readonly interactions: Repository<InteractionEntity>,
    private readonly moderation: ModerationService,
    private readonly store: InteractionStore,
  ) {}

  async *exportItems(): AsyncGenerator<ExportItem> {
    let after = 0;
    for (;;) {
      const rows = await this.interactions.find({ where: { id: MoreThan(after) }, relations: { post: true }, order: { id: 'ASC' }, take: 1000 });
      for (const row of rows) yield { ...this.moderation.toAdmin(row), dedupeKey: row.dedupeKey };
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  toJf2(item: ExportItem) {
    return { ...toJf2Entry(item, item.sourceUrl), 'chorus-status': item.status };
  }

  async import(body: unknown): Promise<{ imported: number; ids: Record<string, number> }> {
    const items = parseItems(body);
    const ids: Record<string, number> = {};
    const dedupeByRef = new Map<string, { source: ExportItem['source']; dedupeKey: string }>();
    const pending = [...items];
    while (pending.length) {
      const ready = pending.filter((item) => item.parentRef === null || dedupeByRef.has(item.parentRef) || !items.some((other) => other.ref === item.parentRef));
      if (!ready.length) throw badRequest('invalid_body', 'The items\' parentId references form a cycle.');
      for (const item of ready) {
        pending.splice(pending.indexOf(item), 1);
        const draft = { ...item.draft, inReplyTo: item.parentRef ? (dedupeByRef.get(item.parentRef) ?? null) : null };
        const outcome = await this.store.upsert(draft, { receivedAt: item.received ?? undefined });
        if (outcome.outcome === 'dropped') continue;
        // A pending item takes what the rules and blocklist decide; any other imported decision is kept.
        if (item.status !== 'pending' && outcome.interaction.status !== item.status) await this.store.setStatus([outcome.interaction], item.status);
        ids[item.ref] = outcome.interaction.id;
        dedupeByRef.set(item.ref, { source: draft.source, dedupeKey: draft.dedupeKey });
      }
    }
    return { imported: Object.keys(ids).length, ids };
  }
}

interface ParsedItem {
  ref: string;
  parentRef: string | null;
  status: ExportItem['status'];
  received: number | null;
  draft: InteractionDraft;
}

function parseItems(body: unknown): ParsedItem[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw badRequest('invalid_body', 'Send {"items": [...]} with items in the export format.');
  if (items.length > MAX_IMPORT) throw badRequest('invalid_body', `Import at most ${MAX_IMPORT} items at a time.`);
  return items.map((raw, index) => parseItem(raw, index));
}

function parseItem(raw: unknown, index: number): ParsedItem {
  const item = (raw ?? {}) as Record<string, unknown>;
  const fail = (what: string) => badRequest('invalid_body', `items[${index}]: ${what}.`);
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const link = (value: unknown) => (str(value) && /^https?:\/\//i.test(str(value)!) ? str(value) : null);
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[], name: string, fallback?: T): T => {
    if (value === undefined && fallback) return fallback;
    if (!allowed.includes(value as T)) throw fail(`${name} must be one of ${allowed.join(', ')}`);
    return value as T;
  };
  const post = str(item.post);
  if (!post || !/^https?:\/\//.test(post)) throw fail('post must be the URL of a post');
  const source = oneOf(item.source, INTERACTION_SOURCES, 'source');
  const kind = oneOf(item.kind, INTERACTION_KINDS, 'kind');
  const author = (item.author ?? {}) as Record<string, unknown>;
  const content = item.content as { html?: unknown; text?: unknown } | null | undefined;
  const html = str(content?.html) ?? (str(content?.text) ? escapeText(str(content?.text)!) : null);
  const date = (value: unknown, name: string) => {
    if (value === null || value === undefined) return null;
    const ms = typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
    if (Number.isNaN(ms)) throw fail(`${name} is not a date`);
    return ms;
  };
  const published = date(item.published, 'published');
  const ref = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : String(index);
  const url = link(item.url);
  const dedupeKey = str(item.dedupeKey) ?? `import:${sha256(JSON.stringify([source, kind, post, url, author.url, content?.text, item.published]))}`;
  return {
    ref,
    parentRef: typeof item.parentId === 'string' || typeof item.parentId === 'number' ? String(item.parentId) : null,
    status: oneOf(item.status, INTERACTION_STATUSES, 'status', 'pending'),
    received: date(item.received, 'received'),
    draft: {
      source,
      kind,
      dedupeKey,
      target: post,
      url,
      sourceUrl: link(item.sourceUrl),
      author: { name: str(author.name), url: link(author.url), photo: link(author.photo), email: str(author.email) },
      content: html === null ? null : sanitizeContent(html),
      rsvp: kind === 'rsvp' ? oneOf(item.rsvp, RSVP_VALUES, 'rsvp') : null,
      published: published === null ? null : new Date(published),
      inReplyTo: null,
      verification: (item.verification as Record<string, unknown> | null | undefined) ?? null,
      raw: { imported: true },
    },
  };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
