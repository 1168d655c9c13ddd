/** Services and tags: chips with remove buttons, plus an input that adds on Enter or comma. */
import { useState, type KeyboardEvent } from 'react';
import * as Y from 'yjs';
import { useDoc, useEditable } from './DocContext.tsx';
import { handleUndoKeys } from './fields.tsx';
import { useYMapValue, useYVersion } from './hooks.ts';

/** The `meta.services` Y.Array as chips. */
export function ServicesField() {
  const { roots, session } = useDoc();
  const editable = useEditable();
  const raw = useYMapValue(roots.meta, 'services');
  const services = raw instanceof Y.Array ? (raw as Y.Array<unknown>) : null;
  useYVersion(services);
  const items = (services?.toArray() ?? []).filter((s): s is string => typeof s === 'string');
  const [draft, setDraft] = useState('');

  const add = (text: string) => {
    if (!editable) return;
    const names = text
      .split(',')
      .map((s) => s.trim())
      .filter((s, i, all) => s !== '' && all.indexOf(s) === i && !items.includes(s));
    if (names.length === 0) return;
    session.step(() => {
      const meta = roots.meta;
      let list = meta.get('services');
      if (!(list instanceof Y.Array)) {
        list = new Y.Array<string>();
        meta.set('services', list);
      }
      (list as Y.Array<string>).push(names);
    });
  };

  const remove = (index: number) => {
    if (services && editable) session.step(() => services.delete(index, 1));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft);
      setDraft('');
    } else if (event.key === 'Backspace' && draft === '' && items.length > 0) {
      remove(items.length - 1);
    } else {
      handleUndoKeys(event, session);
    }
  };

  return (
    <div className="field field--grow">
      {editable ? (
        <label htmlFor="meta-services" className="field__label">
          Services and tags
        </label>
      ) : (
        <span className="field__label">Services and tags</span>
      )}
      <div className={`chips${editable ? '' : ' chips--readonly'}`}>
        <ul className="chips__list" aria-label="Services and tags">
          {items.map((name, index) => (
            <li key={`${name}-${index}`} className="chip">
              <span>{name}</span>
              {editable && (
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove ${name}`}
                  onClick={() => remove(index)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
        {editable ? (
          <input
            id="meta-services"
            data-testid="meta-services"
            className="chips__input"
            value={draft}
            placeholder={items.length === 0 ? 'Add a service, press Enter' : 'Add…'}
            onChange={(e) => {
              const value = e.target.value;
              if (value.includes(',')) {
                add(value);
                setDraft('');
              } else setDraft(value);
            }}
            onBlur={(e) => {
              // Not when the input goes away because a lock arrived: that write would be refused.
              if (draft.trim() && e.currentTarget.isConnected) {
                add(draft);
                setDraft('');
              }
            }}
            onKeyDown={onKeyDown}
          />
        ) : (
          items.length === 0 && (
            <span className="muted">
              None
            </span>
          )
        )}
      </div>
    </div>
  );
}
