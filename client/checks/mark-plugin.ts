/**
 * Inline marks for the checks' findings in one rich-text field: ProseMirror decorations, never
 * marks in the document, so nothing of the checks reaches the shared Y.Doc. Each finding gets its
 * own span (overlapping findings nest), mapped through edits until the next run replaces them.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { LiveChecks } from './live-checks.ts';
import { pageBox, type PopoverStore } from './popover.ts';
import { rangeToPos, textMap } from './text-map.ts';
import type { FieldChecks, ShownFinding } from './view.ts';

interface MarkSpec {
  findingId: string;
}

export const checkMarksKey = new PluginKey<DecorationSet>('checkMarks');

/** Carried by the transaction that hands the plugin a new run's findings. */
interface NewFindings {
  field: FieldChecks | undefined;
}

function markAttrs(finding: ShownFinding): Record<string, string> {
  const dismissed = finding.dismissal ? ' check-mark--dismissed' : '';
  return {
    // Its own element per finding, so overlapping findings nest instead of merging attributes.
    nodeName: 'span',
    class: `check-mark check-mark--${finding.severity}${dismissed}`,
    'data-rule': finding.rule,
    'data-finding-id': finding.id,
  };
}

/**
 * Decorations for a field's findings. Offsets point into the text of the run; when the editor's
 * text has moved on since, only findings whose words are still at their offsets are placed (the
 * next run, already scheduled by that change, places the rest).
 */
export function buildDecorations(doc: PMNode, field: FieldChecks | undefined): DecorationSet {
  if (!field || field.ranged.length === 0) return DecorationSet.empty;
  const map = textMap(doc);
  const same = map.text === field.text;
  const decorations: Decoration[] = [];
  for (const finding of field.ranged) {
    const { start, end } = finding.location;
    if (!same && map.text.slice(start, end) !== finding.excerpt) continue;
    const range = rangeToPos(map, start, end);
    if (!range || range.from >= range.to) continue;
    decorations.push(Decoration.inline(range.from, range.to, markAttrs(finding), { findingId: finding.id } satisfies MarkSpec));
  }
  return DecorationSet.create(doc, decorations);
}

/** The current range of a finding's mark in an editor state (mapped through edits since the run). */
export function markRange(state: EditorState, findingId: string): { from: number; to: number } | null {
  const set = checkMarksKey.getState(state);
  const found = set?.find(undefined, undefined, (spec: Partial<MarkSpec>) => spec.findingId === findingId)[0];
  return found ? { from: found.from, to: found.to } : null;
}

function idsAtSelection(state: EditorState, exact = false): string[] {
  const set = checkMarksKey.getState(state);
  if (!set) return [];
  const { from, to } = state.selection;
  return set
    .find(from, to)
    .filter((d) => !exact || (d.from === from && d.to === to))
    .map((d) => (d.spec as MarkSpec).findingId);
}

/** The finding ids of a mark element and of the marks it is nested in. */
function idsOfElement(view: EditorView, element: Element): string[] {
  const ids: string[] = [];
  for (let el: Element | null = element; el && el !== view.dom; el = el.parentElement) {
    const id = el.getAttribute('data-finding-id');
    if (id && el.classList.contains('check-mark')) ids.push(id);
  }
  return ids;
}

function markElementAt(view: EditorView, pos: number): Element | null {
  const { node } = view.domAtPos(pos);
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest('.check-mark') ?? null;
}

export interface CheckMarksOptions {
  fieldKey: string;
  checks: LiveChecks | null;
  popover: PopoverStore | null;
}

/** The TipTap extension that shows one field's findings and opens their popover. */
export const CheckMarks = Extension.create<CheckMarksOptions>({
  name: 'checkMarks',

  addOptions() {
    return { fieldKey: '', checks: null, popover: null };
  },

  addProseMirrorPlugins() {
    const { fieldKey, checks, popover } = this.options;
    if (!checks || !popover) return [];
    const current = () => checks.state.get().view.fields.get(fieldKey);

    const open = (view: EditorView, ids: string[], anchor: Element | null, focus: boolean) => {
      if (ids.length === 0) return;
      const rect = anchor?.getBoundingClientRect() ?? view.coordsAtPos(view.state.selection.from);
      popover.set({
        open: {
          ids,
          anchor: pageBox(rect),
          focus,
          returnFocus: () => view.focus(),
          context: view.dom.getAttribute('aria-label') ?? '',
        },
      });
    };

    return [
      new Plugin<DecorationSet>({
        key: checkMarksKey,
        state: {
          init: (_config, state) => buildDecorations(state.doc, current()),
          apply(tr, old, _oldState, newState) {
            const next = tr.getMeta(checkMarksKey) as NewFindings | undefined;
            if (next) return buildDecorations(newState.doc, next.field);
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: {
          decorations: (state) => checkMarksKey.getState(state),
          handleDOMEvents: {
            // A DOM listener rather than handleClick: it also works in read-only editors.
            click(view, event) {
              const target = event.target instanceof Element ? event.target.closest('.check-mark') : null;
              if (!target || !view.dom.contains(target)) return false;
              open(view, idsOfElement(view, target), target, false);
              return false;
            },
          },
          handleKeyDown(view, event) {
            // Alt+Enter (or Ctrl/Cmd+.) on a marked word opens its details, like an IDE's quick fix.
            const quickFix = (event.altKey && event.key === 'Enter') || ((event.ctrlKey || event.metaKey) && event.key === '.');
            // So does Enter while exactly the flagged words are selected (as the findings panel leaves
            // them): replacing them with a line break is never what was meant.
            const plainEnter = event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
            if (!quickFix && !(plainEnter && !view.state.selection.empty)) return false;
            const ids = idsAtSelection(view.state, !quickFix);
            if (ids.length === 0) return false;
            open(view, ids, markElementAt(view, view.state.selection.from), true);
            return true;
          },
        },
        view(view) {
          let shown = current();
          let later: ReturnType<typeof setTimeout> | undefined;
          const apply = () => {
            const field = current();
            if (field === shown) return;
            // Redrawing around text being composed (IME) would break the composition: wait for its end.
            if (view.composing) {
              clearTimeout(later);
              later = setTimeout(apply, 200);
              return;
            }
            shown = field;
            view.dispatch(view.state.tr.setMeta(checkMarksKey, { field } satisfies NewFindings));
          };
          const unsubscribe = checks.state.subscribe(apply);
          return {
            destroy() {
              clearTimeout(later);
              unsubscribe();
            },
          };
        },
      }),
    ];
  },
});
