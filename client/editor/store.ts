/** A minimal observable value for useSyncExternalStore. */
export interface Store<T> {
  get(): T;
  set(patch: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a store holding an object; `set` merges and notifies only on a real change. */
export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(patch) {
      const changed = (Object.keys(patch) as (keyof T)[]).some((key) => patch[key] !== value[key]);
      if (!changed) return;
      value = { ...value, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
