import { useEffect, useState } from 'react';
import type { AdminInteraction } from '@chorus/shared';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';

type Loaded = { id: number; item: AdminInteraction | null; error: string | null };

/**
 * One interaction for the detail pane: the list's copy when it is loaded (kept fresh by live
 * events), otherwise fetched (a push notification link, or an item that left the filtered list).
 * `refreshKey` changes after each finished moderation call, so a fetched copy shows its new status.
 */
export function useInteraction(id: number, fromList: AdminInteraction | undefined, refreshKey: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (fromList) return;
    let current = true;
    api.getInteraction(id).then(
      (item) => current && setLoaded({ id, item, error: null }),
      (error: unknown) => current && setLoaded({ id, item: null, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, fromList, refreshKey]);

  if (fromList) return { item: fromList, error: null };
  return loaded?.id === id ? { item: loaded.item, error: loaded.error } : { item: null, error: null };
}
