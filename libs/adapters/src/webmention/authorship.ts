import { isSamePost } from '@chorus/shared';
import type { DraftAuthor } from '../adapter';
import type { EntryChoice } from './entry';
import {
  allItems,
  firstString,
  firstUrl,
  hasType,
  httpUrl,
  isItem,
  plainValue,
  type Mf2Document,
  type Mf2Item,
} from './mf2';

const NO_AUTHOR: DraftAuthor = { name: null, url: null, photo: null };

/**
 * The IndieWeb authorship algorithm (indieweb.org/authorship-spec) without fetching anything:
 * 1. the entry's `author`, else the `author` of the h-feed it sits in;
 *    an h-card is used as it is, a URL is looked up among the page's h-cards, text is a name;
 * 2. else the page's `rel=author` link, looked up the same way;
 * 3. else the page's representative h-card (uid = url = page, or url = a rel=me link,
 *    or the only top-level h-card on the page).
 */
export function findAuthor(document: Mf2Document, choice: EntryChoice, pageUrl: string): DraftAuthor {
  const property = choice.entry.properties.author?.[0] ?? choice.feed?.properties.author?.[0];
  if (property !== undefined) {
    if (isItem(property) && hasType(property, 'h-card')) return cardToAuthor(property);
    const value = plainValue(property)?.trim() ?? '';
    const url = httpUrl(value);
    if (url) return authorAt(document, url);
    if (value) return { ...NO_AUTHOR, name: value };
  }
  const relAuthor = httpUrl(document.rels.author?.[0]);
  if (relAuthor) return authorAt(document, relAuthor);
  const card = representativeCard(document, pageUrl);
  return card ? cardToAuthor(card) : NO_AUTHOR;
}

function cardToAuthor(card: Mf2Item): DraftAuthor {
  return { name: firstString(card, 'name'), url: firstUrl(card, 'url'), photo: firstUrl(card, 'photo') };
}

/** The h-card on the page whose url or uid is `url`, else an author known only by that URL. */
function authorAt(document: Mf2Document, url: string): DraftAuthor {
  const card = allItems(document).find(
    (item) => hasType(item, 'h-card') && cardUrls(item).some((own) => isSamePost(own, url)),
  );
  return card ? { ...cardToAuthor(card), url: firstUrl(card, 'url') ?? url } : { ...NO_AUTHOR, url };
}

function representativeCard(document: Mf2Document, pageUrl: string): Mf2Item | undefined {
  const cards = document.items.filter((item) => hasType(item, 'h-card'));
  const relMe = document.rels.me ?? [];
  return (
    cards.find(
      (card) =>
        isSamePost(firstString(card, 'uid') ?? '', pageUrl) &&
        cardUrls(card).some((url) => isSamePost(url, pageUrl)),
    ) ??
    cards.find((card) => cardUrls(card).some((url) => relMe.some((me) => isSamePost(url, me)))) ??
    (cards.length === 1 ? cards[0] : undefined)
  );
}

function cardUrls(card: Mf2Item): string[] {
  return [...(card.properties.url ?? []), ...(card.properties.uid ?? [])].flatMap(
    (value) => plainValue(value) ?? [],
  );
}
