import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { PostRecord } from '../../api/api-types';

/** The owner's known posts, for the post filter. A failure just leaves the list empty. */
export function usePosts(): PostRecord[] {
  const [posts, setPosts] = useState<PostRecord[]>([]);
  useEffect(() => {
    let current = true;
    api.listPosts().then(
      (loaded) => current && setPosts(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return posts;
}
