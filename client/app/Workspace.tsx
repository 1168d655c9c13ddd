/** The open document's layout: top bar, section navigation, the document, the side panel. */
import { useEffect, useMemo } from 'react';
import type { roots } from '../../shared/schema/index.ts';
import { DocProvider, type DocContextValue, type PresenceUser } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { NearMisses } from '../editor/NearMisses.tsx';
import { PostmortemDocument } from '../editor/PostmortemDocument.tsx';
import { Presence } from '../editor/Presence.tsx';
import { RefusalNotice } from '../editor/RefusalNotice.tsx';
import type { Session } from '../editor/session.ts';
import { SectionNav } from './SectionNav.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TopBar } from './TopBar.tsx';

interface Props {
  session: Session;
  roots: ReturnType<typeof roots>;
  user: PresenceUser;
  refusals: number;
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Renders a synced document. */
export function Workspace({ session, roots: r, user, refusals }: Props) {
  const status = useYString(r.moderation, 'status');
  const title = useYString(r.meta, 'title');
  const readOnly = user.role === 'viewer' || status === 'published';
  const value = useMemo<DocContextValue>(
    () => ({ session, roots: r, role: user.role, readOnly, user, zone: ZONE }),
    [session, r, user, readOnly],
  );

  useEffect(() => {
    document.title = `${title.trim() || 'Untitled postmortem'} — Second Story`;
  }, [title]);

  return (
    <DocProvider value={value}>
      <div className="workspace">
        <TopBar />
        <RefusalNotice refusals={refusals} />
        <div className="workspace__body">
          <SectionNav />
          <main className="workspace__main" id="document">
            <PostmortemDocument />
          </main>
          <aside className="workspace__side" aria-label="People and sharing">
            <Presence />
            {user.role === 'facilitator' && <SharePanel id={session.id} />}
            <NearMisses />
          </aside>
        </div>
      </div>
    </DocProvider>
  );
}
