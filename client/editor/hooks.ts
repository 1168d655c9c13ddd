/**
 * React bindings for Yjs types through useSyncExternalStore: each hook re-renders only for
 * the changes its component shows (a list re-renders for added, removed or re-timed rows, not
 * for typing inside a row's rich text).
 */
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { Store } from './store.ts';

/** Any Yjs shared type, seen only through the observer methods these hooks use. */
interface Observable {
  observe(handler: () => void): void;
  unobserve(handler: () => void): void;
  observeDeep(handler: () => void): void;
  unobserveDeep(handler: () => void): void;
}

interface VersionSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): number;
}

function versionSource(attach: (bump: () => void) => () => void): VersionSource {
  let version = 0;
  return {
    subscribe(listener) {
      return attach(() => {
        version += 1;
        listener();
      });
    },
    getSnapshot: () => version,
  };
}

/** A number that changes whenever `type` itself changes (not its nested children). */
export function useYVersion(type: Observable | null | undefined): number {
  const source = useMemo(
    () =>
      versionSource((bump) => {
        if (!type) return () => {};
        type.observe(bump);
        return () => type.unobserve(bump);
      }),
    [type],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/**
 * A number that changes when a list of row maps changes: rows added, removed or moved, or a
 * field of a row set. Edits inside a row's nested rich text do not count.
 */
export function useYRowsVersion(list: Y.Array<Y.Map<unknown>>): number {
  const source = useMemo(
    () =>
      versionSource((bump) => {
        const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
          if (events.some((e) => e.target === list || e.target.parent === list)) bump();
        };
        list.observeDeep(handler);
        return () => list.unobserveDeep(handler);
      }),
    [list],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/** A number that changes on any change anywhere inside `type`. */
export function useYDeepVersion(type: Observable): number {
  const source = useMemo(
    () =>
      versionSource((bump) => {
        type.observeDeep(bump);
        return () => type.unobserveDeep(bump);
      }),
    [type],
  );
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/** The raw value of one key of a Y.Map, kept current. */
export function useYMapValue(map: Y.Map<unknown>, key: string): unknown {
  const subscribe = useMemo(
    () => (listener: () => void) => {
      const handler = (event: Y.YMapEvent<unknown>) => {
        if (event.keysChanged.has(key)) listener();
      };
      map.observe(handler);
      return () => map.unobserve(handler);
    },
    [map, key],
  );
  return useSyncExternalStore(subscribe, () => map.get(key));
}

/** A string field of a Y.Map ('' when unset or not a string). */
export function useYString(map: Y.Map<unknown>, key: string): string {
  const value = useYMapValue(map, key);
  return typeof value === 'string' ? value : '';
}

/** The current value of a small store. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
