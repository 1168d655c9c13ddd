/** Connection state in words: connected, reconnecting, offline, or why the server closed. */
import { useStore } from './hooks.ts';
import type { Session, SessionState } from './session.ts';

type Tone = 'ok' | 'busy' | 'offline' | 'error';

/** The words and tone for a session state. */
export function describeConnection(state: SessionState): { text: string; tone: Tone; detail: string } {
  if (state.closed) return { text: state.closed.reason, tone: 'error', detail: '' };
  if (!state.online) return { text: 'Offline — edits are kept in this browser', tone: 'offline', detail: '' };
  if (state.socket === 'connected') return { text: 'Connected', tone: 'ok', detail: '' };
  if (!state.retrying) return { text: 'Connecting…', tone: 'busy', detail: state.lastCloseReason };
  return { text: 'Reconnecting…', tone: 'busy', detail: state.lastCloseReason };
}

/** A live status line for the session's connection. */
export function ConnectionIndicator({ session }: { session: Session }) {
  const state = useStore(session.state);
  const { text, tone, detail } = describeConnection(state);
  return (
    <div
      className={`connection connection--${tone}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={tone}
      title={detail || undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{text}</span>
    </div>
  );
}
