import { useEffect, useEffectEvent } from 'react';

export type InboxKey = 'next' | 'previous' | 'approve' | 'reject' | 'spam' | 'select' | 'search' | 'help' | 'open';

const KEYS: Record<string, InboxKey> = {
  j: 'next',
  k: 'previous',
  a: 'approve',
  r: 'reject',
  s: 'spam',
  x: 'select',
  '/': 'search',
  '?': 'help',
  Enter: 'open',
};

/** True while typing in a field, where letters are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Gmail-style single-key shortcuts on the whole document while the inbox is shown. */
export function useInboxKeyboard(onKey: (key: InboxKey) => void): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    const key = KEYS[event.key];
    // Enter on a link or button already does its own thing.
    if (!key || (key === 'open' && event.target instanceof HTMLElement && event.target.closest('a, button'))) return;
    event.preventDefault();
    onKey(key);
  });

  useEffect(() => {
    document.addEventListener('keydown', handle);
    return () => document.removeEventListener('keydown', handle);
  }, []);
}
