import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';

/** Loads one settings resource when the panel mounts; `set` replaces it after a save. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [state, setState] = useState<{ value: T | null; error: string | null; loading: boolean }>({
    value: null,
    error: null,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ value, error: null, loading: false }),
      (error: unknown) => current && setState({ value: null, error: errorMessage(error), loading: false }),
    );
    return () => {
      current = false;
    };
    // The loader is fixed for the panel's lifetime, so it loads once.
  }, []);

  return { ...state, set: (value: T) => setState({ value, error: null, loading: false }) };
}
