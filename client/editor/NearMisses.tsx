/** Approved anonymous near-miss notes, written into the document by the server. */
import { formatInZone } from '../../shared/schema/index.ts';
import { useDoc } from './DocContext.tsx';
import { useYRowsVersion } from './hooks.ts';
import { rowId } from './rows.ts';

/** The near-miss panel; renders nothing while there are no approved notes. */
export function NearMisses() {
  const { roots, zone } = useDoc();
  useYRowsVersion(roots.nearMisses);
  const notes = roots.nearMisses.toArray().map((row, index) => {
    const text = row.get('text');
    const hour = row.get('hour');
    return {
      id: rowId(row, index),
      text: typeof text === 'string' ? text : '',
      hour: typeof hour === 'string' ? formatInZone(hour, zone) : '',
    };
  });
  if (notes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="near-miss-heading">
      <h2 id="near-miss-heading" className="panel__title">
        Near-miss notes <span className="panel__count">{notes.length}</span>
      </h2>
      <p className="panel__note">Shared anonymously and approved by the facilitator.</p>
      <ul className="near-misses" data-testid="near-miss-list">
        {notes.map((note) => (
          <li key={note.id} className="near-miss">
            <p>{note.text}</p>
            {note.hour && <p className="near-miss__hour">Around {note.hour}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
