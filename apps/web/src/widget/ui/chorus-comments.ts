import type { PostInteractionsResponse } from '@chorus/shared';
import { HubClient } from '../core/api-client';
import { pickLanguage, Translator } from '../core/i18n';
import { resolveHubUrl, resolvePostUrl } from '../core/resolve-urls';
import { h } from './dom';
import { renderInteractions } from './render-interactions';
import { RespondSection } from './respond';
import { applyStyles } from './styles';

/** What the widget knows about the `<script>` that loaded it, captured while it ran. */
export interface ScriptInfo {
  src: string | null;
  nonce: string;
}

/** Start loading a little before the element scrolls into view. */
const LOAD_MARGIN = '400px';

let loadedBy: ScriptInfo = { src: null, nonce: '' };

/** Registers `<chorus-comments>` once per page, remembering which script loaded it (for the hub URL). */
export function defineChorusComments(script: ScriptInfo): void {
  if (customElements.get('chorus-comments')) return;
  loadedBy = script;
  customElements.define('chorus-comments', ChorusComments);
}

/**
 * `<chorus-comments url="…" hub="…" lang="…">`: a post's responses and the ways to answer.
 * Mounts when connected (loading once it nears the viewport) and unmounts when removed, which
 * stops the observer, pending requests and status polling.
 */
export class ChorusComments extends HTMLElement {
  static readonly observedAttributes = ['url', 'hub', 'lang'];

  private readonly root: ShadowRoot;
  private observer: IntersectionObserver | null = null;
  private lifetime: AbortController | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    applyStyles(this.root, loadedBy.nonce);
  }

  connectedCallback(): void {
    this.mount();
  }

  disconnectedCallback(): void {
    this.unmount();
  }

  attributeChangedCallback(): void {
    if (!this.lifetime) return;
    this.unmount();
    this.mount();
  }

  mount(): void {
    this.unmount();
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    const t = this.translator();
    this.root.replaceChildren(h('div', { class: 'root', part: 'root' }, h('p', { class: 'quiet', role: 'status' }, t.text('loading'))));
    if (typeof IntersectionObserver === 'undefined') {
      void this.load(lifetime.signal);
      return;
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.observer?.disconnect();
        this.observer = null;
        void this.load(lifetime.signal);
      },
      { rootMargin: LOAD_MARGIN },
    );
    this.observer.observe(this);
  }

  unmount(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.lifetime?.abort(new DOMException('The element was removed.', 'AbortError'));
    this.lifetime = null;
  }

  private async load(signal: AbortSignal): Promise<void> {
    const t = this.translator();
    const postUrl = resolvePostUrl({
      attribute: this.getAttribute('url'),
      canonicalHref: document.querySelector<HTMLLinkElement>('link[rel~="canonical"]')?.href ?? null,
      location: location.href,
    });
    const hub = resolveHubUrl({ attribute: this.getAttribute('hub'), scriptSrc: loadedBy.src, location: location.href });
    const heading = h('h2', { id: 'chorus-heading' }, t.text('heading'));
    const list = h('div', { class: 'list' });
    const container = h('section', { class: 'root', part: 'root', 'aria-labelledby': 'chorus-heading' }, heading, list);
    try {
      if (!hub) throw new Error('The hub URL is unknown: set the hub attribute.');
      const client = new HubClient(hub);
      const show = (data: PostInteractionsResponse) => list.replaceChildren(renderInteractions(data, t, new Date()));
      const data = await client.interactions(postUrl, signal);
      show(data);
      // A verified webmention may have been approved at once by a rule: refresh (cheaply, with If-None-Match).
      const onVerified = () => void client.interactions(postUrl, signal).then(show, () => undefined);
      const respond = new RespondSection({ client, postUrl, t, signal, onVerified });
      respond.showEmail(data.post);
      container.append(respond.element);
      this.root.replaceChildren(container);
      const toot = data.post.tootUrl ? { tootUrl: data.post.tootUrl } : await client.toot(postUrl, signal).catch(() => null);
      if (toot && !signal.aborted) respond.showMastodon(toot.tootUrl);
    } catch {
      if (signal.aborted) return;
      this.root.replaceChildren(h('div', { class: 'root', part: 'root' }, h('p', { class: 'quiet', role: 'status' }, t.text('unreachable'))));
    }
  }

  private translator(): Translator {
    return new Translator(pickLanguage(this.getAttribute('lang'), document.documentElement.lang));
  }
}
