/**
 * Why the server refused a change (close code 4403), in words a person understands. The
 * server's close reason says what was refused ("the facilitator has locked \"impact\""); this
 * turns it into a sentence naming the section, with a plain fallback for anything else.
 */
import { CloseCode, closeReason } from '../../shared/protocol/index.ts';
import { lockTitle, type LockKey } from './moderation.ts';
import { SECTIONS } from '../../shared/schema/sections.ts';

const NOT_SAVED = 'your last change was not saved.';

function lockedKey(detail: string): LockKey | null | undefined {
  if (/locked the header/i.test(detail)) return 'header';
  const quoted = /locked "([^"]+)"/i.exec(detail)?.[1];
  if (quoted) return SECTIONS.find((s) => s.id === quoted)?.id ?? null;
  return /locked/i.test(detail) ? null : undefined;
}

/** One sentence about the refused change, from the server's close reason. */
export function describeRefusal(detail: string): string {
  const key = lockedKey(detail);
  if (key !== undefined) {
    const what = key === null ? 'this section' : key === 'header' ? 'the header' : `“${lockTitle(key)}”`;
    return `The facilitator locked ${what}; ${NOT_SAVED}`;
  }
  if (/published/i.test(detail)) return `The postmortem was published and is now read-only; ${NOT_SAVED}`;
  if (/viewer/i.test(detail)) return `This link can read the postmortem but not change it; ${NOT_SAVED}`;
  if (/moderat/i.test(detail)) return `Only the facilitator can lock sections or set their status and owner; ${NOT_SAVED}`;
  if (/near-miss/i.test(detail)) return `Near-miss notes are added only when the facilitator approves them; ${NOT_SAVED}`;
  return `${closeReason(CloseCode.writeRefused)} Your last change was not saved.`;
}
