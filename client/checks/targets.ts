/**
 * Where each checked field lives on screen (its editor or input), so a finding can be revealed
 * (scrolled to, focused, selected) and its quick fix applied as the person's own edit.
 */
import type { Editor } from '@tiptap/core';
import type { Finding } from '../../shared/checks/types.ts';
import { markRange } from './mark-plugin.ts';
import { rangeToPos, textMap } from './text-map.ts';
import { findingFieldKey, isWholeField } from './view.ts';

export type EditorTarget = { readonly kind: 'editor'; readonly editor: Editor; readonly element: HTMLElement };

export type Target =
  | EditorTarget
  | { readonly kind: 'input'; readonly input: HTMLInputElement; readonly write: (value: string) => void }
  /**
   * A rich-text field shown without its editor (far from the screen when the page loaded or
   * scrolled): `mount` creates the editor, which then registers itself as an 'editor' target.
   */
  | { readonly kind: 'lazy'; readonly element: HTMLElement; readonly editable: boolean; readonly mount: () => void };

export interface Targets {
  /** Registers a field's editor or input; returns the unregister function. */
  register(fieldKey: string, target: Target): () => void;
  get(fieldKey: string): Target | undefined;
  /** The field's editor once it is registered (now, or after a lazy field mounts); null after `timeoutMs`. */
  whenEditor(fieldKey: string, timeoutMs?: number): Promise<EditorTarget | null>;
}

export function createTargets(): Targets {
  const map = new Map<string, Target>();
  const waiting = new Map<string, Set<(target: EditorTarget) => void>>();
  return {
    register(key, target) {
      map.set(key, target);
      if (target.kind === 'editor') {
        const waiters = waiting.get(key);
        waiting.delete(key);
        for (const resolve of waiters ?? []) resolve(target);
      }
      return () => {
        if (map.get(key) === target) map.delete(key);
      };
    },
    get: (key) => map.get(key),
    whenEditor(key, timeoutMs = 5_000) {
      const now = map.get(key);
      if (now?.kind === 'editor') return Promise.resolve(now);
      return new Promise((resolve) => {
        const waiters = waiting.get(key) ?? new Set();
        waiting.set(key, waiters);
        const done = (target: EditorTarget | null) => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve(target);
        };
        const timer = setTimeout(() => done(null), timeoutMs);
        waiters.add(done);
      });
    },
  };
}

function scrollBehavior(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** The finding's range in an editor now: its mark, or its offsets while the text is unchanged. */
function editorRange(editor: Editor, finding: Finding): { from: number; to: number } | null {
  const marked = markRange(editor.state, finding.id);
  if (marked) return marked;
  const map = textMap(editor.state.doc);
  const { start, end } = finding.location;
  if (map.text.slice(start, end) !== finding.excerpt) return null;
  return rangeToPos(map, start, end);
}

/** The finding's range in an input's current value (found again by its words if they moved). */
function inputRange(value: string, finding: Finding): { start: number; end: number } | null {
  const { start, end } = finding.location;
  if (value.slice(start, end) === finding.excerpt) return { start, end };
  const at = value.indexOf(finding.excerpt);
  if (at < 0 || value.indexOf(finding.excerpt, at + 1) >= 0) return null;
  return { start: at, end: at + finding.excerpt.length };
}

/**
 * Scrolls to the flagged place and puts focus there, selecting the flagged words. A read-only
 * field cannot take focus or a selection, so there `showDetails` opens the finding's popover on it.
 */
export function revealFinding(targets: Targets, finding: Finding, showDetails?: (anchor: Element) => void): void {
  const key = findingFieldKey(finding);
  const target = key === null ? undefined : targets.get(key);
  if (target?.kind === 'lazy') {
    // Scroll there now; once its editor is mounted, select (or show) the finding in it.
    target.element.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
    target.mount();
    if (key !== null) {
      void targets.whenEditor(key).then((editor) => {
        if (editor) revealFinding(targets, finding, showDetails);
      });
    }
    return;
  }
  if (target && showDetails && !canEdit(targets, finding)) {
    const anchor =
      target.kind === 'input'
        ? target.input
        : (target.element.querySelector(`.check-mark[data-finding-id="${CSS.escape(finding.id)}"]`) ?? target.element);
    anchor.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
    showDetails(anchor);
    return;
  }
  if (!target) {
    const section = document.getElementById(`section-${finding.section}`);
    section?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
    document.getElementById(`section-${finding.section}-title`)?.focus({ preventScroll: true });
    return;
  }
  if (target.kind === 'input') {
    const range = isWholeField(finding) ? null : inputRange(target.input.value, finding);
    target.input.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
    target.input.focus({ preventScroll: true });
    if (range) target.input.setSelectionRange(range.start, range.end);
    return;
  }
  const { editor, element } = target;
  const range = isWholeField(finding) ? null : editorRange(editor, finding);
  if (range) {
    editor.chain().setTextSelection(range).focus(null, { scrollIntoView: false }).run();
    const { node } = editor.view.domAtPos(range.from);
    const el = node instanceof Element ? node : node.parentElement;
    (el ?? element).scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
  } else {
    element.scrollIntoView({ behavior: scrollBehavior(), block: 'center' });
    editor.commands.focus('start', { scrollIntoView: false });
  }
}

/** Whether the finding's field can be edited here (not read-only, not locked). */
export function canEdit(targets: Targets, finding: Finding): boolean {
  const key = findingFieldKey(finding);
  const target = key === null ? undefined : targets.get(key);
  if (!target) return false;
  if (target.kind === 'lazy') return target.editable;
  return target.kind === 'editor' ? target.editor.isEditable : !target.input.disabled;
}

export type FixOutcome = 'applied' | 'moved' | 'unavailable';

/**
 * Replaces the flagged words with `replacement`, as this person's own undoable edit (the
 * editor's collaborative undo, or the structured undo for inputs). 'moved' when the words are
 * no longer where the finding says (someone edited them meanwhile).
 */
export function applyFix(targets: Targets, finding: Finding, replacement: string): FixOutcome {
  const key = findingFieldKey(finding);
  const target = key === null ? undefined : targets.get(key);
  if (!target || isWholeField(finding) || !canEdit(targets, finding)) return 'unavailable';
  if (target.kind === 'lazy') {
    // Rare (editors stay while a popover is open): mount it, which registers its editor at once.
    target.mount();
    return key !== null && targets.get(key)?.kind === 'editor' ? applyFix(targets, finding, replacement) : 'unavailable';
  }
  if (target.kind === 'input') {
    const value = target.input.value;
    const range = inputRange(value, finding);
    if (!range) return 'moved';
    const next = value.slice(0, range.start) + replacement + value.slice(range.end);
    target.write(next);
    target.input.value = next;
    target.input.focus();
    target.input.setSelectionRange(range.start + replacement.length, range.start + replacement.length);
    return 'applied';
  }
  const { editor } = target;
  const range = editorRange(editor, finding);
  if (!range || editor.state.doc.textBetween(range.from, range.to, '\n') !== finding.excerpt) return 'moved';
  const tr = editor.state.tr.insertText(replacement, range.from, range.to);
  editor.view.dispatch(tr);
  editor.commands.focus(range.from + replacement.length);
  return 'applied';
}
