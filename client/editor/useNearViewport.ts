/**
 * Where a field is relative to the screen, so that costly widgets (rich-text editors: each one's
 * binding works on every change of the shared Y.Doc) exist only on and near the screen.
 *
 * Two IntersectionObservers are shared by every field: one for the "near" zone (mount there)
 * and a larger one for the "keep" zone (a mounted editor is released only after it has been
 * outside that zone for a while). Mounting and releasing go through one queue that does a few
 * at a time between keystrokes, nearest to the screen first, so that scrolling to the middle of
 * a long timeline never blocks typing for long.
 */
import { useEffect, useState, type RefObject } from 'react';

/** Editors are mounted within one screen height above or below the screen… */
export const NEAR_MARGIN = '100% 0px';
/** …released once more than three screen heights away for a while (scrolling back and forth keeps them)… */
export const KEEP_MARGIN = '300% 0px';
export const RELEASE_AFTER_MS = 2_000;
/**
 * …and, less eagerly, once outside the near zone for longer, so that after scrolling around
 * the page settles to the editors near the screen: every mounted editor's binding works on
 * every change of the document, and on every move of anyone's caret.
 */
export const RELEASE_NEARBY_AFTER_MS = 5_000;
/** Main-thread time the queue may take at once. */
const SLICE_MS = 8;

type Callback = (inside: boolean) => void;

/** One IntersectionObserver for every element watched with this margin. */
function zone(rootMargin: string): (element: Element, callback: Callback) => () => void {
  let observer: IntersectionObserver | null = null;
  const callbacks = new Map<Element, Callback>();
  return (element, callback) => {
    observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
      },
      { rootMargin },
    );
    callbacks.set(element, callback);
    observer.observe(element);
    return () => {
      callbacks.delete(element);
      observer?.unobserve(element);
    };
  };
}

const watchNearZone = zone(NEAR_MARGIN);
const watchKeepZone = zone(KEEP_MARGIN);

export interface Nearness {
  /** Within NEAR_MARGIN of the screen. */
  near: boolean;
  /** Within KEEP_MARGIN of the screen. */
  keep: boolean;
}

/**
 * Whether `ref`'s element is near the screen (watched when `watchNear`) and within the keep zone
 * (watched when `watchKeep`: only mounted editors need it). False until first observed; a zone
 * not watched keeps its last value. Each watched element costs the observers work on every frame.
 */
export function useNearViewport(ref: RefObject<Element | null>, watchNear: boolean, watchKeep: boolean): Nearness {
  const [near, setNear] = useState(false);
  const [keep, setKeep] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!watchNear || !element) return;
    return watchNearZone(element, setNear);
  }, [ref, watchNear]);
  useEffect(() => {
    const element = ref.current;
    if (!watchKeep || !element) return;
    return watchKeepZone(element, setKeep);
  }, [ref, watchKeep]);
  return { near, keep };
}

interface Job {
  element: Element;
  run: () => void;
}

const mounts = new Set<Job>();
const releases = new Set<Job>();
let pumping = false;

/** Distance of an element from the middle of the screen, in px (0 when it covers the middle). */
function distance(element: Element): number {
  const rect = element.getBoundingClientRect();
  const middle = innerHeight / 2;
  if (rect.top <= middle && rect.bottom >= middle) return 0;
  return Math.min(Math.abs(rect.top - middle), Math.abs(rect.bottom - middle));
}

function pump(): void {
  pumping = false;
  const start = performance.now();
  // Nearest first; measured once per slice (one layout), before anything changes it.
  const order = [...mounts].map((job) => ({ job, d: distance(job.element) })).sort((a, b) => a.d - b.d);
  for (const { job } of order) {
    if (performance.now() - start > SLICE_MS) break;
    mounts.delete(job);
    job.run();
  }
  if (mounts.size === 0) {
    for (const job of releases) {
      if (performance.now() - start > SLICE_MS) break;
      releases.delete(job);
      job.run();
    }
  }
  if (mounts.size > 0 || releases.size > 0) schedule();
}

function schedule(): void {
  if (pumping) return;
  pumping = true;
  setTimeout(pump, 0);
}

function enqueue(queue: Set<Job>, element: Element, run: () => void): () => void {
  const job = { element, run };
  queue.add(job);
  schedule();
  return () => {
    queue.delete(job);
  };
}

/** Runs `mount` soon, in a slice of main-thread time shared with other fields; returns the cancel function. */
export function queueMount(element: Element, mount: () => void): () => void {
  return enqueue(mounts, element, mount);
}

/** Runs `release` once no field waits to be mounted; returns the cancel function. */
export function queueRelease(element: Element, release: () => void): () => void {
  return enqueue(releases, element, release);
}
