/** Which findings' popover is open, and where: one popover for the whole workspace. */
import { createStore, type Store } from '../editor/store.ts';

export interface PopoverRequest {
  /** The findings to show (several when marks overlap, or for a field's badge). */
  readonly ids: readonly string[];
  /** The anchor's box in page coordinates at the moment it opened. */
  readonly anchor: { top: number; left: number; bottom: number; right: number };
  /** Move focus into the popover (opened from the keyboard or a button). */
  readonly focus: boolean;
  /** Gives focus back to where the popover was opened from (Escape, or after a fix). */
  readonly returnFocus: (() => void) | null;
  /** What it is about, for its accessible name, e.g. "What happened, entry 1". */
  readonly context: string;
}

export type PopoverStore = Store<{ open: PopoverRequest | null }>;

export function createPopoverStore(): PopoverStore {
  return createStore<{ open: PopoverRequest | null }>({ open: null });
}

/** A viewport box (getBoundingClientRect) as page coordinates, so the popover scrolls with it. */
export function pageBox(rect: { top: number; left: number; bottom: number; right: number }): PopoverRequest['anchor'] {
  return { top: rect.top + scrollY, left: rect.left + scrollX, bottom: rect.bottom + scrollY, right: rect.right + scrollX };
}
