import { parseEmailReply, type DnsResolver, type EmailAdapterOptions, type EmailEnvelope, type ReplyAddressBase } from '@chorus/adapters';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { promises as dns } from 'node:dns';
import { PublicUrl } from '../common/public-url';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { InteractionStore } from '../interactions/interaction-store.service';
import { PostsService } from '../interactions/posts.service';

/** What became of one received message. `stored` includes re-deliveries of a known Message-ID. */
export type IntakeResult =
  | { outcome: 'stored'; id: number; created: boolean; status: string }
  | { outcome: 'dropped'; reason: string; detail: string };

export interface IntakeSource {
  /** Which address the reply addresses are +tags of (the SMTP reply domain, or the IMAP mailbox). */
  replyAddress: ReplyAddressBase;
  /** Mail judged by this relay's `Authentication-Results` instead of being checked again. */
  trustedRelay?: EmailAdapterOptions['trustedRelay'];
}

const DNS_TIMEOUT_MS = 3000;

/**
 * The one pipeline every received message goes through, whether SMTP or IMAP brought it: parse
 * with the email adapter, find the post by the reply token, and upsert the reply (deduped by
 * Message-ID, threaded by In-Reply-To/References, DMARC failures as spam). Storage errors are
 * thrown so the caller can make the sender (or the next poll) try again.
 */
@Injectable()
export class EmailIntake {
  private readonly logger = new Logger(EmailIntake.name);
  private readonly resolver: DnsResolver;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly posts: PostsService,
    private readonly store: InteractionStore,
    private readonly publicUrl: PublicUrl,
  ) {
    this.resolver = dnsResolver(config.dnsServers);
  }

  /** `reply+<token>@<CHORUS_REPLY_DOMAIN or the public URL's host>`: what the SMTP listener accepts. */
  smtpReplyAddress(): ReplyAddressBase {
    return { localPart: 'reply', domain: this.config.replyDomain ?? new URL(this.publicUrl.get()).hostname };
  }

  async ingest(raw: Buffer, envelope: EmailEnvelope, source: IntakeSource): Promise<IntakeResult> {
    const parsed = await parseEmailReply(raw, envelope, { ...source, resolver: this.resolver });
    if (parsed.outcome === 'dropped') return this.dropped(parsed.reason, parsed.detail, envelope);
    const post = await this.posts.findByReplyToken(parsed.token);
    if (!post) return this.dropped('unknown_reply_address', `no post has the reply token ${parsed.token}`, envelope);
    const { draft } = parsed;
    const stored = await this.store.upsert({ ...draft, target: post.url }, { initialStatus: parsed.suggestedStatus });
    if (stored.outcome === 'dropped') return this.dropped('blocked', stored.reason, envelope);
    const { interaction } = stored;
    const auth = draft.verification ?? {};
    this.logger.log(
      `email reply #${interaction.id} from ${envelope.remoteAddress} for ${post.url}: ${stored.outcome} as ${interaction.status} ` +
        `(SPF ${String(auth['spf'])}, DKIM ${String(auth['dkim'])}, DMARC ${String(auth['dmarc'])}${interaction.parentId ? `, answers #${interaction.parentId}` : ''})`,
    );
    return { outcome: 'stored', id: interaction.id, created: stored.outcome === 'created', status: interaction.status };
  }

  private dropped(reason: string, detail: string, envelope: EmailEnvelope): IntakeResult {
    this.logger.log(`email from ${envelope.mailFrom || '<>'} (${envelope.remoteAddress}) dropped: ${reason}: ${detail}`);
    return { outcome: 'dropped', reason, detail };
  }
}

/** SPF/DKIM/DMARC lookups with a timeout, through CHORUS_DNS_SERVERS when set. */
function dnsResolver(servers: string[] | null): DnsResolver {
  const resolver = new dns.Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
  if (servers) resolver.setServers(servers);
  return (name, rrtype) => resolver.resolve(name, rrtype);
}
