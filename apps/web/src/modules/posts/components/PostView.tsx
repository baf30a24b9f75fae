import { useState, type FormEvent } from 'react';
import type { PostSummary } from '@chorus/shared';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';
import { safeHttpUrl } from '../../content/utils/safe-url';
import { usePostData } from '../hooks/usePostData';
import { buildThreads } from '../utils/thread';
import { Facepile } from './Facepile';
import { ThreadList } from './ThreadList';
import { formField } from '../../app/utils/form-field';

/** Every interaction of one post: threaded replies, facepiles, the toot mapping and reply address. */
export function PostView({ url }: { url: string }) {
  const { data, error, loading, setPost } = usePostData(url);
  const postUrl = safeHttpUrl(url);

  return (
    <section className="post-view" aria-labelledby="post-title">
      <h1 id="post-title">{data?.post.title ?? url}</h1>
      {postUrl && (
        <p>
          <a href={postUrl} target="_blank" rel="noopener noreferrer">
            {postUrl}
          </a>
        </p>
      )}
      {loading && <p className="muted">Loading…</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <PostConnections post={data.post} onSaved={setPost} />
          <Facepile title="Likes" items={data.items.filter((item) => item.kind === 'like')} />
          <Facepile title="Boosts" items={data.items.filter((item) => item.kind === 'repost')} />
          <h2>Replies and mentions</h2>
          {buildThreads(data.items).length === 0 ? (
            <p className="muted">No replies yet.</p>
          ) : (
            <ThreadList nodes={buildThreads(data.items)} />
          )}
        </>
      )}
    </section>
  );
}

function PostConnections({ post, onSaved }: { post: PostSummary; onSaved: (post: PostSummary) => void }) {
  const [error, setError] = useState<string | null>(null);
  const tootUrl = safeHttpUrl(post.tootUrl);

  const mapToot = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formField(event.currentTarget, 'tootUrl');
    setError(null);
    try {
      const saved = await api.savePost({ url: post.url, tootUrl: value });
      onSaved({ ...post, tootUrl: saved.tootUrl ?? value });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <dl className="facts card">
      <dt>Toot</dt>
      <dd>
        {tootUrl ? (
          <a href={tootUrl} target="_blank" rel="noopener noreferrer">
            {tootUrl}
          </a>
        ) : (
          <form className="inline-form" onSubmit={(event) => void mapToot(event)}>
            <label htmlFor="toot-url">Toot URL</label>
            <input id="toot-url" name="tootUrl" type="url" required placeholder="https://mastodon.example/@you/123" />
            <button type="submit" className="button">
              Map toot
            </button>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
      </dd>
      <dt>Reply address</dt>
      <dd>{post.replyAddress ? <code>{post.replyAddress}</code> : <span className="muted">Not available</span>}</dd>
    </dl>
  );
}
