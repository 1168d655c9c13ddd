/** Small readers over structured rows (Y.Map) of the shared document. */
import * as Y from 'yjs';

/** The row's id, or a positional fallback for a malformed row. */
export function rowId(row: Y.Map<unknown>, index: number): string {
  const id = row.get('id');
  return typeof id === 'string' && id ? id : `row-${index}`;
}

/** A nested rich-text fragment of a row, or null when missing. */
export function rowFragment(row: Y.Map<unknown>, key: string): Y.XmlFragment | null {
  const value = row.get(key);
  return value instanceof Y.XmlFragment ? value : null;
}
