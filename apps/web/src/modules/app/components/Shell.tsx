import { lazy, Suspense, useState } from 'react';
import { api } from '../../api/api';
import { setSignedOut } from '../../auth/hooks/useSession';
import { InboxView } from '../../inbox/components/InboxView';
import { useInbox } from '../../inbox/hooks/useInbox';
import { useLiveEvents } from '../../live/hooks/useLiveEvents';
import { documentTitle } from '../../live/utils/parse-events';
import { usePosts } from '../../posts/hooks/usePosts';
import { Link } from '../../router/components/Link';
import { useRoute } from '../../router/hooks/useRoute';

// Rarely used views load on demand to keep the first download small.
const PostView = lazy(() => import('../../posts/components/PostView').then((module) => ({ default: module.PostView })));
const SettingsView = lazy(() =>
  import('../../settings/components/SettingsView').then((module) => ({ default: module.SettingsView })),
);

/** The signed-in layout: header with navigation and pending badge, the current view, the message line. */
export function Shell() {
  const route = useRoute();
  const inbox = useInbox();
  const posts = usePosts();
  const [pending, setPending] = useState<number | null>(null);

  useLiveEvents({
    onInteraction: inbox.applyEvent,
    onCounts: ({ pending: count }) => {
      setPending(count);
      document.title = documentTitle(count);
    },
  });

  const logout = async () => {
    await api.logout().catch(() => undefined);
    document.title = documentTitle(null);
    setSignedOut();
  };

  const inInbox = route.name === 'inbox' || route.name === 'interaction';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={{ name: 'inbox' }} className="brand">
          <img src="/icons/icon.svg" alt="" width="28" height="28" />
          <span className="brand-name">Chorus</span>
        </Link>
        <nav aria-label="Main">
          <Link to={{ name: 'inbox' }} aria-current={inInbox ? 'page' : undefined}>
            Inbox
            {pending !== null && pending > 0 && (
              <span className="count-badge" aria-label={`${pending} pending`}>
                {pending}
              </span>
            )}
          </Link>
          <Link to={{ name: 'settings' }} aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </Link>
        </nav>
        <button type="button" className="button subtle" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<p className="muted center">Loading…</p>}>
          {inInbox && <InboxView inbox={inbox} posts={posts} openId={route.name === 'interaction' ? route.id : null} />}
          {route.name === 'post' && <PostView url={route.url} />}
          {route.name === 'settings' && <SettingsView />}
          {route.name === 'notFound' && (
            <section className="card">
              <h1>Not found</h1>
              <p>
                There is nothing here. <Link to={{ name: 'inbox' }}>Go to the inbox</Link>.
              </p>
            </section>
          )}
        </Suspense>
      </main>
      <div className="notice" role="status" aria-live="polite">
        {inbox.state.notice && (
          <>
            <span>{inbox.state.notice}</span>
            <button type="button" className="button subtle" onClick={() => inbox.dispatch({ type: 'noticeShown', message: null })}>
              Dismiss
            </button>
          </>
        )}
      </div>
    </>
  );
}
