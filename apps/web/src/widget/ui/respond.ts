import type { PostSummary } from '@chorus/shared';
import { HubError, type HubClient, type WebmentionStatus } from '../core/api-client';
import type { Translator } from '../core/i18n';
import { authorizeInteractionUrl, InstanceMemory, normalizeInstance } from '../core/mastodon';
import { absoluteHttpUrl } from '../core/resolve-urls';
import { watchWebmention } from '../core/webmention-watch';
import { h } from './dom';

export interface RespondOptions {
  client: HubClient;
  postUrl: string;
  t: Translator;
  /** Aborted on unmount: stops status polling. */
  signal: AbortSignal;
  /** Called when a sent webmention is verified, to show it if it was approved at once. */
  onVerified: () => void;
}

/** The ways to answer: on Mastodon (once the post has a toot), from the reader's own site, by email. */
export class RespondSection {
  readonly element: HTMLElement;
  private readonly mastodonForm: HTMLFormElement;
  private readonly emailBlock: HTMLElement;

  constructor(private readonly options: RespondOptions) {
    const { t } = options;
    this.mastodonForm = h('form', { class: 'mastodon', hidden: true });
    this.emailBlock = h('div', { class: 'email', hidden: true });
    this.element = h(
      'section',
      { class: 'respond', part: 'respond', 'aria-labelledby': 'respond-heading' },
      h('h3', { id: 'respond-heading' }, t.text('respondHeading')),
      this.mastodonForm,
      this.webmentionForm(),
      this.emailBlock,
    );
  }

  /** Offers "Reply on Mastodon" for the post's toot. */
  showMastodon(tootUrl: string): void {
    const { t } = this.options;
    const memory = new InstanceMemory(storage());
    const input = h('input', { id: 'instance', name: 'instance', required: true, autocomplete: 'off', inputmode: 'url', placeholder: 'mastodon.social', value: memory.recall() ?? '', part: 'input' });
    const status = h('p', { class: 'status', role: 'status' });
    this.mastodonForm.replaceChildren(
      h('h4', {}, t.text('mastodonHeading')),
      h('label', { for: 'instance' }, t.text('instanceLabel')),
      h('div', { class: 'row' }, input, h('button', { type: 'submit', part: 'button' }, t.text('mastodonButton'))),
      status,
    );
    this.mastodonForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const instance = normalizeInstance(input.value);
      input.setAttribute('aria-invalid', String(!instance));
      status.textContent = instance ? '' : t.text('instanceInvalid');
      if (!instance) return;
      memory.remember(instance);
      input.value = instance;
      window.open(authorizeInteractionUrl(instance, tootUrl), '_blank', 'noopener');
    });
    this.mastodonForm.hidden = false;
  }

  /** Offers a mailto link to the post's reply address. */
  showEmail(post: PostSummary): void {
    if (!post.replyAddress || !/^[^\s@?&#]+@[^\s@?&#]+$/.test(post.replyAddress)) return;
    const subject = post.title ? `?subject=${encodeURIComponent(`Re: ${post.title}`)}` : '';
    this.emailBlock.replaceChildren(
      h('h4', {}, this.options.t.text('emailHeading')),
      h('a', { href: `mailto:${post.replyAddress}${subject}`, part: 'link' }, this.options.t.text('emailLink')),
    );
    this.emailBlock.hidden = false;
  }

  private webmentionForm(): HTMLFormElement {
    const { t } = this.options;
    const input = h('input', { id: 'source', name: 'source', type: 'url', required: true, placeholder: 'https://', autocomplete: 'url', part: 'input' });
    const button = h('button', { type: 'submit', part: 'button' }, t.text('webmentionButton'));
    const status = h('p', { class: 'status', role: 'status' });
    const form = h(
      'form',
      { class: 'webmention' },
      h('h4', {}, t.text('webmentionHeading')),
      h('label', { for: 'source' }, t.text('webmentionUrlLabel')),
      h('div', { class: 'row' }, input, button),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const source = absoluteHttpUrl(input.value);
      input.setAttribute('aria-invalid', String(!source));
      if (!source) return;
      button.disabled = true;
      status.textContent = t.text('webmentionSending');
      void this.send(source, (text) => (status.textContent = text)).finally(() => (button.disabled = false));
    });
    return form;
  }

  private async send(source: string, show: (text: string) => void): Promise<void> {
    const { client, postUrl, t, signal } = this.options;
    try {
      const first = await client.sendWebmention(source, postUrl, signal);
      const final = await watchWebmention(client, first, (status) => show(this.describe(status)), { signal });
      if (final.status === 'queued') show(t.text('webmentionStillQueued'));
      if (final.status === 'verified') this.options.onVerified();
    } catch (error) {
      if (signal.aborted) return;
      show(error instanceof HubError ? t.text('webmentionFailed', { reason: error.message }) : t.text('webmentionUnreachable'));
    }
  }

  private describe({ status, reason }: WebmentionStatus): string {
    const { t } = this.options;
    switch (status) {
      case 'queued':
        return t.text('webmentionQueued');
      case 'verified':
        return t.text('webmentionVerified');
      case 'rejected':
        return t.text('webmentionRejected', { reason: reason ?? '' });
      case 'deleted':
        return t.text('webmentionDeleted');
    }
  }
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
