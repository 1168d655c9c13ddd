/** A light formatting toolbar, shown while the editor is focused or hovered. */
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';

/** Bold, italic and bullet list for one editor. */
export function RichToolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
    }),
  });
  const buttons = [
    { key: 'bold', text: 'B', name: 'Bold', run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', text: 'I', name: 'Italic', run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', text: '•', name: 'Bullet list', run: () => editor.chain().focus().toggleBulletList().run() },
  ] as const;
  return (
    <div className="rich-toolbar" role="toolbar" aria-label={`Formatting: ${label}`}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          tabIndex={-1}
          className={`rich-toolbar__button rich-toolbar__button--${b.key}`}
          aria-label={b.name}
          aria-pressed={active[b.key]}
          title={b.name}
          // Keep the editor's selection: a toolbar click must not steal focus first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}
