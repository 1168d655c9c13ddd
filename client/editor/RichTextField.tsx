/**
 * A TipTap editor bound to one Y.XmlFragment (a root or a row's nested fragment). All editors
 * share the session's one provider and awareness, so carets show across every field. The
 * blameless checks' findings show as decorations (never stored in the document) and, for
 * findings about the whole field, as a coloured edge with a count badge.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { fieldKey, type TextField } from '../../shared/checks/types.ts';
import { CheckBadge } from '../checks/CheckBadge.tsx';
import { useChecksContext, useFieldChecks } from '../checks/ChecksContext.tsx';
import { CheckMarks } from '../checks/mark-plugin.ts';
import { topSeverity } from '../checks/view.ts';
import { useDoc, useEditable } from './DocContext.tsx';
import { editorAttributes, editorExtensions } from './extensions.ts';
import { RichToolbar } from './RichToolbar.tsx';

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
}

/** A collaborative rich-text field. */
export function RichTextField({ fragment, checkField, label, placeholder = '', testId, autoFocus = false, className }: Props) {
  const { session, user } = useDoc();
  const editable = useEditable();
  const checks = useChecksContext();
  const key = checkField ? fieldKey(checkField) : '';
  const wrapper = useRef<HTMLDivElement>(null);
  const editor = useEditor(
    {
      editable,
      extensions: [
        ...editorExtensions({ fragment, provider: session.provider, user, placeholder }),
        CheckMarks.configure({ fieldKey: key, checks: key ? (checks?.checks ?? null) : null, popover: checks?.popover ?? null }),
      ],
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [fragment, session, user, key, checks],
  );

  // Synchronously, so the first keystroke after "Add" already lands in the new editor.
  useLayoutEffect(() => {
    if (autoFocus && editable) editor.commands.focus('end');
  }, [editor, autoFocus, editable]);

  // The editor lives as long as its fragment; its name and read-only state follow the
  // current render (e.g. an entry's number after re-sorting, or the postmortem being published).
  useEffect(() => {
    editor.setOptions({ editable, editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, editable, label]);

  // Lets the findings panel and quick fixes find this editor.
  const targets = checks?.targets;
  useEffect(() => {
    if (!targets || !key || !wrapper.current) return;
    return targets.register(key, { kind: 'editor', editor, element: wrapper.current });
  }, [targets, key, editor]);

  const whole = useFieldChecks(key)?.whole ?? [];
  const severity = topSeverity(whole);
  return (
    <div
      ref={wrapper}
      className={`rich-text${editable ? '' : ' rich-text--readonly'}${severity ? ` rich-text--check rich-text--check-${severity}` : ''} ${className ?? ''}`}
    >
      {editable && <RichToolbar editor={editor} label={label} />}
      <div data-testid={testId}>
        <EditorContent editor={editor} />
      </div>
      {checks && <CheckBadge findings={whole} context={label} className="rich-text__badge" />}
    </div>
  );
}
