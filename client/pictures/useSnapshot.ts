/**
 * The open document as plain data for the pictures, kept current as anyone edits. One reader
 * per Y.Doc, shared by every picture; while people type it re-reads at most every THROTTLE_MS,
 * in idle time, so drawing never competes with keystrokes.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readSnapshot, type PostmortemSnapshot } from '../../shared/schema/snapshot.ts';
import { useDoc } from '../editor/DocContext.tsx';

const THROTTLE_MS = 150;

function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: 300 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, 0);
  return () => clearTimeout(handle);
}

interface SnapshotSource {
  subscribe(listener: () => void): () => void;
  get(): PostmortemSnapshot;
}

const sources = new WeakMap<Y.Doc, SnapshotSource>();

function createSource(doc: Y.Doc): SnapshotSource {
  const listeners = new Set<() => void>();
  // Counts every change, heard or not, so a reader never gets a copy older than the document.
  let version = 0;
  let cached: { version: number; snapshot: PostmortemSnapshot } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | null = null;

  const notify = () => {
    timer = undefined;
    cancelIdle = null;
    for (const listener of listeners) listener();
  };
  const stopWaiting = () => {
    clearTimeout(timer);
    timer = undefined;
    cancelIdle?.();
    cancelIdle = null;
  };
  // Lives as long as the document (the session destroys both together).
  doc.on('update', () => {
    version += 1;
    if (listeners.size === 0 || timer !== undefined || cancelIdle) return;
    timer = setTimeout(() => {
      cancelIdle = whenIdle(notify);
    }, THROTTLE_MS);
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopWaiting();
      };
    },
    get() {
      if (!cached || cached.version !== version) cached = { version, snapshot: readSnapshot(doc) };
      return cached.snapshot;
    },
  };
}

/** The open document's snapshot; re-renders shortly after any change. */
export function useSnapshot(): PostmortemSnapshot {
  const { session } = useDoc();
  let source = sources.get(session.doc);
  if (!source) {
    source = createSource(session.doc);
    sources.set(session.doc, source);
  }
  return useSyncExternalStore(source.subscribe, source.get);
}
