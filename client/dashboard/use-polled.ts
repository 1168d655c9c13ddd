/**
 * Loads one dashboard answer and keeps it current: again every few seconds while the page is
 * visible, at once when it becomes visible again, and whenever the query (`key`) changes. The
 * index the answers come from is refreshed on every save, so a change made in a document shows
 * here within the checks' settle time plus one poll.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export const POLL_MS = 4_000;

export interface Polled<T> {
  data: T | null;
  error: ApiError | null;
  /** True until the first answer (or failure) for the current key. */
  loading: boolean;
}

interface State<T> {
  key: string | null;
  data: T | null;
  error: ApiError | null;
}

export function usePolled<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  onAuthError?: (error: ApiError) => void,
  intervalMs = POLL_MS,
): Polled<T> {
  const [state, setState] = useState<State<T>>({ key: null, data: null, error: null });
  // The latest callbacks, without restarting the polling when a parent re-renders.
  const latest = useRef({ load, onAuthError });
  useLayoutEffect(() => {
    latest.current = { load, onAuthError };
  });

  useEffect(() => {
    const requestKey = key;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // The same answer again changes nothing on screen (no re-render of the charts).
    let last = '';

    const run = async () => {
      clearTimeout(timer);
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const data = await latest.current.load(current.signal);
        const text = JSON.stringify(data);
        if (!stopped && (text !== last || last === '')) setState({ key: requestKey, data, error: null });
        else if (!stopped) setState((s) => (s.error ? { key: requestKey, data: s.data, error: null } : s));
        last = text;
      } catch (error) {
        if (stopped || current.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
        if (apiError.status === 401 || apiError.status === 403) latest.current.onAuthError?.(apiError);
        setState((s) => ({ key: requestKey, data: s.data, error: apiError }));
      }
      if (!stopped && document.visibilityState === 'visible') timer = setTimeout(run, intervalMs);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void run();
    };
    void run();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [key, intervalMs]);

  return { data: state.data, error: state.error, loading: state.key !== key };
}
