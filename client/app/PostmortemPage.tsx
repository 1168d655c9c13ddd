/**
 * `/p/<id>#t=<token>`: asks for a name once, resolves the link's role, opens the session and
 * renders the document only once it is safe to mount editors on it.
 */
import { useEffect, useMemo, useState } from 'react';
import { roots } from '../../shared/schema/index.ts';
import { ConnectionIndicator } from '../editor/ConnectionIndicator.tsx';
import type { PresenceUser } from '../editor/DocContext.tsx';
import { useStore } from '../editor/hooks.ts';
import { RefusalNotice } from '../editor/RefusalNotice.tsx';
import type { Session } from '../editor/session.ts';
import { useSession } from '../editor/useSession.ts';
import { AccessDenied, SocketClosed } from './AccessMessages.tsx';
import { FullPageMessage } from './FullPageMessage.tsx';
import { NameDialog } from './NameDialog.tsx';
import { Workspace } from './Workspace.tsx';
import { loadIdentity, saveName, type Identity } from './saved.ts';
import { useAccess, type Access } from './useAccess.ts';
import './styles/editor.css';
import './styles/header.css';
import './styles/rows.css';
import '../checks/checks.css';
import '../editor/moderation.css';
import '../facilitation/facilitation.css';

/** The postmortem screen (default export: loaded on demand). */
export default function PostmortemPage({ id, token }: { id: string; token: string }) {
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  if (!token) {
    return (
      <FullPageMessage title="This link is incomplete" action="home">
        Links to a postmortem end with <code>#t=…</code>, the part that gives access. Ask the facilitator for the
        full link.
      </FullPageMessage>
    );
  }
  if (!identity) return <NameDialog onJoin={(name) => setIdentity(saveName(name))} />;
  return <OpenPostmortem id={id} token={token} identity={identity} />;
}

function OpenPostmortem({ id, token, identity }: { id: string; token: string; identity: Identity }) {
  const access = useAccess(id, token);
  // The socket opens only once the link is known to be good (or offline with a known role).
  const { session, refusals, refusalReason, gaveUp } = useSession(access.state === 'ok' ? { id, token } : null);
  if (access.state === 'denied') return <AccessDenied error={access.error} />;
  if (gaveUp) {
    return (
      <FullPageMessage title="Changes from this browser were refused" action="home">
        The server refused changes from this browser several times, so editing stopped here. Reload the page to
        open the postmortem again.
      </FullPageMessage>
    );
  }
  if (!session) {
    return <FullPageMessage title="Opening postmortem…" busy footer={<RefusalNotice refusals={refusals} reason={refusalReason} />} />;
  }
  return (
    <ReadyGate
      key={session.doc.guid}
      session={session}
      token={token}
      access={access}
      identity={identity}
      refusals={refusals}
      refusalReason={refusalReason}
    />
  );
}

interface GateProps {
  session: Session;
  token: string;
  access: Access;
  identity: Identity;
  refusals: number;
  refusalReason: string;
}

function ReadyGate({ session, token, access, identity, refusals, refusalReason }: GateProps) {
  const state = useStore(session.state);
  const role = access.state === 'ok' ? access.role : null;
  const user = useMemo<PresenceUser | null>(
    () => (role ? { name: identity.name, color: identity.color, role } : null),
    [identity, role],
  );
  useEffect(() => {
    if (user) session.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  if (state.closed) return <SocketClosed code={state.closed.code} reason={state.closed.reason} />;
  if (!user || !state.ready) {
    return (
      <FullPageMessage
        title="Opening postmortem…"
        busy
        footer={
          <>
            <ConnectionIndicator session={session} />
            <RefusalNotice refusals={refusals} reason={refusalReason} />
          </>
        }
      />
    );
  }
  return (
    <Workspace
      session={session}
      roots={roots(session.doc)}
      user={user}
      token={token}
      refusals={refusals}
      refusalReason={refusalReason}
    />
  );
}
