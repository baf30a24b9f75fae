import { useEffect, useState } from 'react';
import type { AdminInteraction, PostSummary } from '@chorus/shared';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';

const MAX_PAGES = 20;

export interface PostData {
  post: PostSummary;
  items: AdminInteraction[];
}

async function loadAll(url: string): Promise<AdminInteraction[]> {
  const items: AdminInteraction[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listInteractions({ post: url, status: '' }, cursor, 100);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return items;
}

/** Every interaction of one post (any status) and the post's toot and reply address. */
export function usePostData(url: string) {
  const [data, setData] = useState<{ url: string; value: PostData | null; error: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    const summary = api.postInteractions(url).then(
      (response) => response.post,
      (): PostSummary => ({ url, title: null, tootUrl: null, replyAddress: null }),
    );
    Promise.all([summary, loadAll(url)]).then(
      ([post, items]) => current && setData({ url, value: { post, items }, error: null }),
      (error: unknown) => current && setData({ url, value: null, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [url]);

  const fresh = data?.url === url ? data : null;
  const setPost = (post: PostSummary) =>
    setData((previous) => (previous?.value ? { ...previous, value: { ...previous.value, post } } : previous));
  return { data: fresh?.value ?? null, error: fresh?.error ?? null, loading: fresh === null, setPost };
}
