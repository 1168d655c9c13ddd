/** The open document's layout: top bar, section navigation, the document, the side panel. */
import { useEffect, useMemo } from 'react';
import type { roots } from '../../shared/schema/index.ts';
import { ChecksProvider } from '../checks/ChecksContext.tsx';
import { CheckPopover } from '../checks/CheckPopover.tsx';
import { FindingsPanel } from '../checks/FindingsPanel.tsx';
import { useLiveChecks } from '../checks/useLiveChecks.ts';
import { DocProvider, type DocContextValue, type PresenceUser } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { PostmortemDocument } from '../editor/PostmortemDocument.tsx';
import { Presence } from '../editor/Presence.tsx';
import { RefusalNotice } from '../editor/RefusalNotice.tsx';
import type { Session } from '../editor/session.ts';
import { SimilarIncidents } from '../dashboard/SimilarIncidents.tsx';
import { NearMisses } from '../facilitation/NearMisses.tsx';
import { PendingNotes } from '../facilitation/PendingNotes.tsx';
import { ExportPanel } from '../pictures/ExportPanel.tsx';
import { SectionNav } from './SectionNav.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TopBar } from './TopBar.tsx';
import '../pictures/pictures.css';
import './styles/print.css';

interface Props {
  session: Session;
  roots: ReturnType<typeof roots>;
  user: PresenceUser;
  /** The link's token, for the checks' API calls. */
  token: string;
  refusals: number;
  /** The server's words for the last refusal. */
  refusalReason: string;
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Renders a synced document. */
export function Workspace({ session, roots: r, user, token, refusals, refusalReason }: Props) {
  const status = useYString(r.moderation, 'status');
  const title = useYString(r.meta, 'title');
  const readOnly = user.role === 'viewer' || status === 'published';
  const value = useMemo<DocContextValue>(
    () => ({ session, roots: r, role: user.role, readOnly, user, zone: ZONE, token }),
    [session, r, user, readOnly, token],
  );

  const checks = useLiveChecks(session, user.role, token);

  useEffect(() => {
    document.title = `${title.trim() || 'Untitled postmortem'} — Second Story`;
  }, [title]);

  return (
    <DocProvider value={value}>
      <ChecksProvider value={checks}>
        <div className="workspace">
          <TopBar />
          <RefusalNotice refusals={refusals} reason={refusalReason} />
          <div className="workspace__body">
            <SectionNav />
            <main className="workspace__main" id="document">
              <PostmortemDocument />
            </main>
            <aside className="workspace__side" aria-label="People, checks, sharing, near-misses and similar incidents">
              <Presence />
              <FindingsPanel />
              {user.role === 'facilitator' && <SharePanel id={session.id} />}
              {user.role === 'facilitator' && <PendingNotes />}
              <NearMisses />
              <SimilarIncidents />
              <ExportPanel />
            </aside>
          </div>
        </div>
        <CheckPopover />
      </ChecksProvider>
    </DocProvider>
  );
}
