/**
 * A TipTap editor bound to one Y.XmlFragment (a root or a row's nested fragment). All editors
 * share the session's one provider and awareness, so carets show across every field.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useLayoutEffect } from 'react';
import type * as Y from 'yjs';
import { useDoc, useEditable } from './DocContext.tsx';
import { editorAttributes, editorExtensions } from './extensions.ts';
import { RichToolbar } from './RichToolbar.tsx';

interface Props {
  fragment: Y.XmlFragment;
  /** Accessible name of the editing area. */
  label: string;
  placeholder?: string;
  testId: string;
  /** Focus the editor once mounted (a row just added by this person). */
  autoFocus?: boolean;
  className?: string;
}

/** A collaborative rich-text field. */
export function RichTextField({ fragment, label, placeholder = '', testId, autoFocus = false, className }: Props) {
  const { session, user } = useDoc();
  const editable = useEditable();
  const editor = useEditor(
    {
      editable,
      extensions: editorExtensions({ fragment, provider: session.provider, user, placeholder }),
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [fragment, session, user],
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

  return (
    <div className={`rich-text${editable ? '' : ' rich-text--readonly'} ${className ?? ''}`}>
      {editable && <RichToolbar editor={editor} label={label} />}
      <div data-testid={testId}>
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
