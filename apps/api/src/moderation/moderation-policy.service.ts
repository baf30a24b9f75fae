import type { InteractionDraft } from '@chorus/adapters';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { badRequest } from '../common/chorus.exception';
import { ClusterBus } from '../events/cluster-bus.service';
import { AutoApproveRuleEntity } from './entities/auto-approve-rule.entity';
import { BlocklistEntryEntity, type BlockAction } from './entities/blocklist-entry.entity';

export interface PolicyDecision {
  /** `drop`: do not store; `spam`: store as spam; null: not blocked. */
  block: BlockAction | null;
  blockedBy: string | null;
  autoApprove: boolean;
}

/** Blocklist and auto-approve rules, applied whenever an interaction is stored. Kept in memory; reloaded on change. */
@Injectable()
export class ModerationPolicy implements OnModuleInit {
  private blocklist: BlocklistEntryEntity[] = [];
  private rules: AutoApproveRuleEntity[] = [];

  constructor(
    @InjectRepository(BlocklistEntryEntity) private readonly blocklistRepo: Repository<BlocklistEntryEntity>,
    @InjectRepository(AutoApproveRuleEntity) private readonly rulesRepo: Repository<AutoApproveRuleEntity>,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.bus.on('policy-changed', () => void this.reload());
  }

  async reload(): Promise<void> {
    [this.blocklist, this.rules] = await Promise.all([this.blocklistRepo.find(), this.rulesRepo.find()]);
  }

  /** Tells every replica (this one included) to reload after an edit. */
  async changed(): Promise<void> {
    await this.reload();
    await this.bus.publish('policy-changed', {});
  }

  listBlocklist(): BlocklistEntryEntity[] {
    return [...this.blocklist].sort((a, b) => a.id - b.id);
  }

  async block(input: { value: string; action?: BlockAction; note?: string }, now: number): Promise<BlocklistEntryEntity> {
    const { type, value } = parseBlockValue(input.value);
    const existing = await this.blocklistRepo.findOneBy({ value });
    const entry = this.blocklistRepo.create({ ...existing, type, value, action: input.action ?? 'drop', note: input.note ?? null, createdAt: existing?.createdAt ?? now });
    const saved = await this.blocklistRepo.save(entry, { transaction: false });
    await this.changed();
    return saved;
  }

  async unblock(id: number): Promise<boolean> {
    const result = await this.blocklistRepo.delete({ id });
    await this.changed();
    return Boolean(result.affected);
  }

  listRules(): AutoApproveRuleEntity[] {
    return [...this.rules].sort((a, b) => a.id - b.id);
  }

  /** Replaces every rule at once (the settings screen saves the whole list). */
  async replaceRules(rules: { source?: string; kind?: string; author?: string; note?: string }[], now: number): Promise<AutoApproveRuleEntity[]> {
    // No transaction: on SQLite TypeORM shares one connection, so an open transaction would swallow
    // every concurrent write. A rule edit is rare and the gap between the two statements is tiny.
    await this.rulesRepo.createQueryBuilder().delete().execute();
    const rows = rules.map((rule) => ({
      source: (rule.source ?? null) as AutoApproveRuleEntity['source'],
      kind: (rule.kind ?? null) as AutoApproveRuleEntity['kind'],
      author: rule.author ? normaliseAuthor(rule.author) : null,
      note: rule.note ?? null,
      createdAt: now,
    }));
    if (rows.length) await this.rulesRepo.insert(rows);
    await this.changed();
    return this.listRules();
  }

  decide(draft: Pick<InteractionDraft, 'source' | 'kind' | 'author' | 'sourceUrl' | 'url'>): PolicyDecision {
    const urls = [draft.author.url, draft.sourceUrl, draft.url].filter((url): url is string => Boolean(url));
    const emailDomain = draft.author.email?.split('@')[1]?.toLowerCase() ?? null;
    const entry = this.blocklist.find((candidate) =>
      candidate.type === 'domain'
        ? urls.some((url) => hostMatches(url, candidate.value)) || (emailDomain !== null && domainMatches(emailDomain, candidate.value))
        : urls.some((url) => sameUrl(url, candidate.value)),
    );
    const autoApprove = this.rules.some(
      (rule) =>
        (rule.source === null || rule.source === draft.source) &&
        (rule.kind === null || rule.kind === draft.kind) &&
        (rule.author === null || authorMatches(draft.author.url, rule.author)),
    );
    return { block: entry?.action ?? null, blockedBy: entry?.value ?? null, autoApprove };
  }

  /** Cheap check for the webmention endpoint: is this source blocked outright? */
  isBlockedSource(url: string): boolean {
    return this.blocklist.some((entry) => (entry.type === 'domain' ? hostMatches(url, entry.value) : sameUrl(url, entry.value)));
  }
}

/** `example.com`, `https://example.com/` (a whole site) → domain; any other URL → that URL. */
export function parseBlockValue(raw: string): { type: 'domain' | 'url'; value: string } {
  const text = raw.trim().toLowerCase();
  if (!text.includes('/') || /^https?:\/\/[^/]+\/?$/.test(text)) {
    const host = text.replace(/^https?:\/\//, '').replace(/\/$/, '').replace(/:\d+$/, '').replace(/^www\./, '');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) throw badRequest('invalid_parameter', `${JSON.stringify(raw)} is neither a domain nor a URL.`);
    return { type: 'domain', value: host };
  }
  try {
    return { type: 'url', value: new URL(raw.trim()).href };
  } catch {
    throw badRequest('invalid_parameter', `${JSON.stringify(raw)} is neither a domain nor a URL.`);
  }
}

function normaliseAuthor(raw: string): string {
  return parseBlockValue(raw).value;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function hostMatches(url: string, domain: string): boolean {
  const host = hostOf(url);
  return host !== null && domainMatches(host, domain);
}

function sameUrl(a: string, b: string): boolean {
  const normalise = (url: string) => url.toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '');
  return normalise(a) === normalise(b);
}

/** A rule's author is a URL (that author) or a bare domain (anyone on it). */
function authorMatches(authorUrl: string | null, pattern: string): boolean {
  if (!authorUrl) return false;
  return pattern.includes('/') ? sameUrl(authorUrl, pattern) : hostMatches(authorUrl, pattern);
}
