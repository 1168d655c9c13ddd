/** The TipTap setup shared by every rich-text field. */
import { getSchema, type Extensions } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { StarterKit } from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { renderCaret } from './caret-render.ts';
import type { PresenceUser } from './DocContext.tsx';

interface Options {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: PresenceUser;
  placeholder: string;
}

// Collaboration brings its own per-person undo; TipTap's would undo others' typing.
const starterKit = () => StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false } });

let schema: Schema | null = null;

/** The editors' schema (nodes and marks), for rendering a field's text without an editor. */
export function richTextSchema(): Schema {
  schema ??= getSchema([starterKit()]);
  return schema;
}

/** Extensions for one field bound to `fragment`. */
export function editorExtensions({ fragment, provider, user, placeholder }: Options): Extensions {
  return [
    starterKit(),
    Collaboration.configure({ fragment }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
    Placeholder.configure({
      placeholder: ({ editor }) => (editor.isEditable ? placeholder : 'Nothing written yet.'),
      showOnlyWhenEditable: false,
    }),
  ];
}

/** Attributes of the editing element: an accessible multi-line text box. */
export function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    'aria-label': label,
    'aria-readonly': String(!editable),
    role: 'textbox',
    'aria-multiline': 'true',
    class: 'rich-text__content',
  };
}
