export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message that depends on a number, by CLDR plural category ("one" / "other"). */
interface Plural {
  one: string;
  other: string;
}

/** Every text the widget shows. `{n}`, `{name}`, `{reason}`, `{instance}` are filled in by `Translator`. */
export interface Messages {
  heading: string;
  loading: string;
  unreachable: string;
  empty: string;
  replies: Plural;
  likes: Plural;
  reposts: Plural;
  bookmarks: Plural;
  mentions: Plural;
  rsvps: Plural;
  likesHeading: string;
  repostsHeading: string;
  repliesHeading: string;
  othersHeading: string;
  more: string;
  showMore: Plural;
  anonymous: string;
  sourceSite: string;
  sourceMastodon: string;
  sourceEmail: string;
  mentioned: string;
  bookmarked: string;
  rsvpYes: string;
  rsvpNo: string;
  rsvpMaybe: string;
  rsvpInterested: string;
  respondHeading: string;
  mastodonHeading: string;
  instanceLabel: string;
  instanceInvalid: string;
  mastodonButton: string;
  webmentionHeading: string;
  webmentionUrlLabel: string;
  webmentionButton: string;
  webmentionSending: string;
  webmentionQueued: string;
  webmentionVerified: string;
  webmentionRejected: string;
  webmentionDeleted: string;
  webmentionFailed: string;
  webmentionUnreachable: string;
  webmentionStillQueued: string;
  emailHeading: string;
  emailLink: string;
}

const en: Messages = {
  heading: 'Responses',
  loading: 'Loading responses…',
  unreachable: 'Responses cannot be shown right now.',
  empty: 'No responses yet.',
  replies: { one: '{n} reply', other: '{n} replies' },
  likes: { one: '{n} like', other: '{n} likes' },
  reposts: { one: '{n} boost', other: '{n} boosts' },
  bookmarks: { one: '{n} bookmark', other: '{n} bookmarks' },
  mentions: { one: '{n} mention', other: '{n} mentions' },
  rsvps: { one: '{n} RSVP', other: '{n} RSVPs' },
  likesHeading: 'Likes',
  repostsHeading: 'Boosts',
  repliesHeading: 'Replies',
  othersHeading: 'Mentions and bookmarks',
  more: '+{n} more',
  showMore: { one: 'Show {n} more reply', other: 'Show {n} more replies' },
  anonymous: 'Someone',
  sourceSite: 'site',
  sourceMastodon: 'Mastodon',
  sourceEmail: 'email',
  mentioned: 'mentioned this',
  bookmarked: 'bookmarked this',
  rsvpYes: 'will attend',
  rsvpNo: 'will not attend',
  rsvpMaybe: 'might attend',
  rsvpInterested: 'is interested',
  respondHeading: 'Respond',
  mastodonHeading: 'On Mastodon',
  instanceLabel: 'Your Mastodon server',
  instanceInvalid: 'Enter a server name such as mastodon.social.',
  mastodonButton: 'Reply on Mastodon',
  webmentionHeading: 'From your own site',
  webmentionUrlLabel: 'URL of your response',
  webmentionButton: 'Send webmention',
  webmentionSending: 'Sending…',
  webmentionQueued: 'Received. Checking your page…',
  webmentionVerified: 'Verified. Thank you! It appears here once approved.',
  webmentionRejected: 'Not accepted: {reason}',
  webmentionDeleted: 'Your page no longer links here, so the response was removed.',
  webmentionFailed: 'Could not send: {reason}',
  webmentionUnreachable: 'Could not reach the server. Try again later.',
  webmentionStillQueued: 'Still being checked. Look again later.',
  emailHeading: 'By email',
  emailLink: 'Reply by email',
};

const de: Messages = {
  heading: 'Reaktionen',
  loading: 'Reaktionen werden geladen…',
  unreachable: 'Reaktionen können gerade nicht angezeigt werden.',
  empty: 'Noch keine Reaktionen.',
  replies: { one: '{n} Antwort', other: '{n} Antworten' },
  likes: { one: '{n} Like', other: '{n} Likes' },
  reposts: { one: '{n} Boost', other: '{n} Boosts' },
  bookmarks: { one: '{n} Lesezeichen', other: '{n} Lesezeichen' },
  mentions: { one: '{n} Erwähnung', other: '{n} Erwähnungen' },
  rsvps: { one: '{n} Zusage', other: '{n} Zusagen' },
  likesHeading: 'Likes',
  repostsHeading: 'Boosts',
  repliesHeading: 'Antworten',
  othersHeading: 'Erwähnungen und Lesezeichen',
  more: '+{n} weitere',
  showMore: { one: '{n} weitere Antwort zeigen', other: '{n} weitere Antworten zeigen' },
  anonymous: 'Jemand',
  sourceSite: 'Website',
  sourceMastodon: 'Mastodon',
  sourceEmail: 'E-Mail',
  mentioned: 'hat dies erwähnt',
  bookmarked: 'hat ein Lesezeichen gesetzt',
  rsvpYes: 'nimmt teil',
  rsvpNo: 'nimmt nicht teil',
  rsvpMaybe: 'nimmt vielleicht teil',
  rsvpInterested: 'ist interessiert',
  respondHeading: 'Antworten',
  mastodonHeading: 'Auf Mastodon',
  instanceLabel: 'Dein Mastodon-Server',
  instanceInvalid: 'Gib einen Servernamen wie mastodon.social ein.',
  mastodonButton: 'Auf Mastodon antworten',
  webmentionHeading: 'Von deiner eigenen Website',
  webmentionUrlLabel: 'URL deiner Antwort',
  webmentionButton: 'Webmention senden',
  webmentionSending: 'Wird gesendet…',
  webmentionQueued: 'Empfangen. Deine Seite wird geprüft…',
  webmentionVerified: 'Bestätigt. Danke! Sie erscheint hier nach der Freigabe.',
  webmentionRejected: 'Nicht angenommen: {reason}',
  webmentionDeleted: 'Deine Seite verlinkt nicht mehr hierher; die Reaktion wurde entfernt.',
  webmentionFailed: 'Senden fehlgeschlagen: {reason}',
  webmentionUnreachable: 'Der Server ist nicht erreichbar. Versuche es später noch einmal.',
  webmentionStillQueued: 'Wird noch geprüft. Schau später wieder vorbei.',
  emailHeading: 'Per E-Mail',
  emailLink: 'Per E-Mail antworten',
};

const fr: Messages = {
  heading: 'Réactions',
  loading: 'Chargement des réactions…',
  unreachable: 'Les réactions ne peuvent pas être affichées pour le moment.',
  empty: 'Aucune réaction pour l’instant.',
  replies: { one: '{n} réponse', other: '{n} réponses' },
  likes: { one: '{n} j’aime', other: '{n} j’aime' },
  reposts: { one: '{n} partage', other: '{n} partages' },
  bookmarks: { one: '{n} signet', other: '{n} signets' },
  mentions: { one: '{n} mention', other: '{n} mentions' },
  rsvps: { one: '{n} RSVP', other: '{n} RSVP' },
  likesHeading: 'J’aime',
  repostsHeading: 'Partages',
  repliesHeading: 'Réponses',
  othersHeading: 'Mentions et signets',
  more: '+{n} autres',
  showMore: { one: 'Afficher {n} autre réponse', other: 'Afficher {n} autres réponses' },
  anonymous: 'Quelqu’un',
  sourceSite: 'site',
  sourceMastodon: 'Mastodon',
  sourceEmail: 'e-mail',
  mentioned: 'a mentionné cet article',
  bookmarked: 'a ajouté un signet',
  rsvpYes: 'participera',
  rsvpNo: 'ne participera pas',
  rsvpMaybe: 'participera peut-être',
  rsvpInterested: 'est intéressé·e',
  respondHeading: 'Répondre',
  mastodonHeading: 'Sur Mastodon',
  instanceLabel: 'Votre serveur Mastodon',
  instanceInvalid: 'Saisissez un nom de serveur comme mastodon.social.',
  mastodonButton: 'Répondre sur Mastodon',
  webmentionHeading: 'Depuis votre propre site',
  webmentionUrlLabel: 'URL de votre réponse',
  webmentionButton: 'Envoyer le webmention',
  webmentionSending: 'Envoi…',
  webmentionQueued: 'Reçu. Vérification de votre page…',
  webmentionVerified: 'Vérifié. Merci ! Il apparaîtra ici une fois approuvé.',
  webmentionRejected: 'Refusé : {reason}',
  webmentionDeleted: 'Votre page ne contient plus de lien vers cet article ; la réaction a été retirée.',
  webmentionFailed: 'Envoi impossible : {reason}',
  webmentionUnreachable: 'Le serveur est injoignable. Réessayez plus tard.',
  webmentionStillQueued: 'Vérification en cours. Revenez plus tard.',
  emailHeading: 'Par e-mail',
  emailLink: 'Répondre par e-mail',
};

const CATALOG: Record<Language, Messages> = { en, de, fr };

/** The `lang` attribute's language when the widget speaks it, else the document's, else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}

type TextKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type PluralKey = { [K in keyof Messages]: Messages[K] extends Plural ? K : never }[keyof Messages];

/** Looks messages up in one language and fills in their placeholders. */
export class Translator {
  private readonly messages: Messages;
  private readonly plurals: Intl.PluralRules;

  constructor(readonly language: Language) {
    this.messages = CATALOG[language];
    this.plurals = new Intl.PluralRules(language);
  }

  text(key: TextKey, values: Record<string, string | number> = {}): string {
    return fill(this.messages[key], values);
  }

  count(key: PluralKey, n: number, values: Record<string, string | number> = {}): string {
    const plural = this.messages[key];
    return fill(this.plurals.select(n) === 'one' ? plural.one : plural.other, { ...values, n });
  }
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
