import type { AdminInteraction, PublicInteraction } from '@chorus/shared';
import type { InteractionEntity } from './entities/interaction.entity';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z'));

/** The public shape: approved data only, never the author's email, status or raw payload. */
export function toPublic(entity: InteractionEntity, postUrl: string, publicUrl: string): PublicInteraction {
  return {
    id: entity.id,
    post: postUrl,
    kind: entity.kind,
    source: entity.source,
    url: interactionUrl(entity, publicUrl),
    author: { name: entity.authorName, url: entity.authorUrl, photo: entity.authorPhoto },
    content: entity.contentHtml === null && entity.contentText === null ? null : { html: entity.contentHtml ?? '', text: entity.contentText ?? '' },
    rsvp: entity.rsvp,
    published: iso(entity.publishedAt),
    received: iso(entity.receivedAt)!,
    parentId: entity.parentId,
  };
}

export function toAdmin(entity: InteractionEntity, post: { url: string; title: string | null }, publicUrl: string): AdminInteraction {
  const base = toPublic(entity, post.url, publicUrl);
  return {
    ...base,
    author: { ...base.author, email: entity.authorEmail },
    status: entity.status,
    sourceUrl: entity.sourceUrl,
    verification: entity.verification,
    postTitle: post.title,
    updated: iso(entity.updatedAt)!,
  };
}

/** API.md: an interaction without a page of its own (email) is shown at its permalink on the hub. */
export function interactionUrl(entity: Pick<InteractionEntity, 'id' | 'url' | 'authorUrl' | 'source'>, publicUrl: string): string | null {
  if (entity.url) return entity.url;
  if (entity.source === 'email') return `${publicUrl}/interactions/${entity.id}`;
  return entity.authorUrl;
}
