/**
 * A TipTap editor bound to one Y.XmlFragment (a root or a row's nested fragment). All editors
 * share the session's one provider and awareness, so carets show across every field. The
 * blameless checks' findings show as decorations (never stored in the document) and, for
 * findings about the whole field, as a coloured edge with a count badge.
 *
 * Every mounted editor's Yjs binding does work on every change of the shared document, so in
 * long lists (`lazy`: timeline entries, factors) a field has its editor only while it is on or
 * near the screen, or focused; elsewhere it shows its live text (LazyRichText.tsx) and becomes
 * the editor when clicked, focused, scrolled near or revealed by the findings panel.
 */
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type * as Y from 'yjs';
import { fieldKey, type TextField } from '../../shared/checks/types.ts';
import { CheckBadge } from '../checks/CheckBadge.tsx';
import { useChecksContext, useFieldChecks } from '../checks/ChecksContext.tsx';
import { CheckMarks } from '../checks/mark-plugin.ts';
import { offsetToPos, textMap } from '../checks/text-map.ts';
import { topSeverity } from '../checks/view.ts';
import { useDoc, useEditable } from './DocContext.tsx';
import { editorAttributes, editorExtensions } from './extensions.ts';
import { StaticRichText, type CaretRequest } from './LazyRichText.tsx';
import { RichToolbar } from './RichToolbar.tsx';
import { queueMount, queueRelease, RELEASE_AFTER_MS, RELEASE_NEARBY_AFTER_MS, useNearViewport } from './useNearViewport.ts';

interface Props {
  fragment: Y.XmlFragment;
  /** Which checked text this is, so the checks' findings show on it. */
  checkField?: TextField;
  /** Accessible name of the editing area. */
  label: string;
  placeholder?: string;
  testId: string;
  /** Focus the editor once mounted (a row just added by this person). */
  autoFocus?: boolean;
  className?: string;
  /** Mount the editor only on or near the screen (fields of long lists). */
  lazy?: boolean;
}

const READ_ONLY_EMPTY = 'Nothing written yet.';

/** Editors on the page, to find the focused one. */
const liveEditors = new Set<Editor>();

/**
 * A destroyed editor clears this person's caret in the shared awareness, even when another
 * editor has the focus: publish it again from that one (any transaction updates it).
 */
function republishCaret(): void {
  setTimeout(() => {
    for (const editor of liveEditors) {
      if (!editor.isDestroyed && editor.view.hasFocus()) editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false));
    }
  }, 0);
}

/**
 * Focuses the editor with the caret at `position` now. TipTap's focus command moves the DOM focus
 * only on the next animation frame: a key pressed right after the click that mounted the editor
 * would go to the page and be lost.
 */
function focusNow(editor: Editor, position: 'start' | 'end' | number): void {
  editor.commands.focus(position);
  if (!editor.isDestroyed) editor.view.focus();
}

function placeCaret(editor: Editor, request: CaretRequest): void {
  if (typeof request === 'string') {
    focusNow(editor, request);
    return;
  }
  const pos = offsetToPos(textMap(editor.state.doc), request.offset, 'start');
  focusNow(editor, pos ?? 'end');
}

interface LiveProps {
  fragment: Y.XmlFragment;
  checkKey: string;
  label: string;
  placeholder: string;
  testId: string;
  editable: boolean;
  autoFocus: boolean;
  /** Where to put the caret once mounted (a click on the field's stand-in). */
  caret: CaretRequest | null;
}

/** The editor itself, with its toolbar. */
function LiveEditor({ fragment, checkKey: key, label, placeholder, testId, editable, autoFocus, caret }: LiveProps) {
  const { session, user } = useDoc();
  const checks = useChecksContext();
  const editor = useEditor(
    {
      editable,
      extensions: [
        ...editorExtensions({ fragment, provider: session.provider, user, placeholder }),
        CheckMarks.configure({ fieldKey: key, checks: key ? (checks?.checks ?? null) : null, popover: checks?.popover ?? null }),
      ],
      editorProps: { attributes: editorAttributes(label, editable) },
      onDestroy: republishCaret,
    },
    [fragment, session, user, key, checks],
  );

  useLayoutEffect(() => {
    liveEditors.add(editor);
    return () => {
      liveEditors.delete(editor);
    };
  }, [editor]);

  // Synchronously, so the first keystroke after "Add" already lands in the new editor.
  useLayoutEffect(() => {
    if (autoFocus && editable) focusNow(editor, 'end');
  }, [editor, autoFocus, editable]);

  // Where the person clicked (or tabbed into) the stand-in, before it is painted.
  const placed = useRef(false);
  useLayoutEffect(() => {
    if (!caret || placed.current || !editable) return;
    placed.current = true;
    placeCaret(editor, caret);
  }, [editor, caret, editable]);

  // The editor lives as long as its fragment; its name and read-only state follow the
  // current render (e.g. an entry's number after re-sorting, or the postmortem being published).
  useEffect(() => {
    editor.setOptions({ editable, editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, editable, label]);

  // Lets the findings panel and quick fixes find this editor, at once (a field just mounted for them).
  // The field's box is this element's parent: on the first mount, the parent's ref is not set yet here.
  const targets = checks?.targets;
  const content = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = content.current?.parentElement;
    if (!targets || !key || !element) return;
    return targets.register(key, { kind: 'editor', editor, element });
  }, [targets, key, editor]);

  return (
    <>
      {editable && <RichToolbar editor={editor} label={label} />}
      <div ref={content} data-testid={testId}>
        <EditorContent editor={editor} />
      </div>
    </>
  );
}

/** A collaborative rich-text field. */
export function RichTextField({ fragment, checkField, label, placeholder = '', testId, autoFocus = false, className, lazy = false }: Props) {
  const editable = useEditable();
  const checks = useChecksContext();
  const key = checkField ? fieldKey(checkField) : '';
  const wrapper = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState(!lazy || autoFocus);
  const [caret, setCaret] = useState<CaretRequest | null>(null);
  const { near, keep } = useNearViewport(wrapper, lazy, lazy && mounted);

  // A row just added by this person: its editor at once and focused, but not again when mounted again later.
  const [autoFocusSpent, setAutoFocusSpent] = useState(false);
  const focusOnMount = autoFocus && !autoFocusSpent;
  if (focusOnMount && !mounted) setMounted(true);

  /** Mounts the editor now (a click, focus, or the findings panel), optionally placing the caret. */
  const mountNow = useCallback((request: CaretRequest | null) => {
    flushSync(() => {
      setCaret(request);
      setMounted(true);
    });
  }, []);

  // Near the screen: mount, a few fields at a time.
  useEffect(() => {
    const element = wrapper.current;
    if (mounted || !near || !element) return;
    return queueMount(element, () => flushSync(() => setMounted(true)));
  }, [mounted, near]);

  // Away from the screen for a while, and not in use: back to the stand-in.
  useEffect(() => {
    const element = wrapper.current;
    if (!lazy || !mounted || near || !element) return;
    const after = keep ? RELEASE_NEARBY_AFTER_MS : RELEASE_AFTER_MS;
    let cancel = () => {};
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      // Never the focused field, nor any while a findings popover is open (its quick fix needs the editor).
      const inUse = element.contains(document.activeElement) || (checks?.popover.get().open ?? null) !== null;
      if (inUse) {
        timer = setTimeout(attempt, after);
        return;
      }
      cancel = queueRelease(element, () =>
        flushSync(() => {
          setCaret(null);
          setAutoFocusSpent(true);
          setMounted(false);
        }),
      );
    };
    timer = setTimeout(attempt, after);
    return () => {
      clearTimeout(timer);
      cancel();
    };
  }, [lazy, mounted, near, keep, checks]);

  // While it has no editor, the findings panel and quick fixes can still ask for one.
  const targets = checks?.targets;
  useLayoutEffect(() => {
    if (mounted || !targets || !key || !wrapper.current) return;
    return targets.register(key, { kind: 'lazy', element: wrapper.current, editable, mount: () => mountNow(null) });
  }, [mounted, targets, key, editable, mountNow]);

  const field = useFieldChecks(key);
  const whole = field?.whole ?? [];
  const severity = topSeverity(whole);
  return (
    <div
      ref={wrapper}
      className={`rich-text${editable ? '' : ' rich-text--readonly'}${severity ? ` rich-text--check rich-text--check-${severity}` : ''} ${className ?? ''}`}
    >
      {mounted ? (
        <LiveEditor
          fragment={fragment}
          checkKey={key}
          label={label}
          placeholder={placeholder}
          testId={testId}
          editable={editable}
          autoFocus={focusOnMount}
          caret={caret}
        />
      ) : (
        <StaticRichText
          fragment={fragment}
          label={label}
          emptyText={editable ? placeholder : READ_ONLY_EMPTY}
          editable={editable}
          testId={testId}
          field={field}
          onActivate={mountNow}
        />
      )}
      {checks && <CheckBadge findings={whole} context={label} className="rich-text__badge" />}
    </div>
  );
}
