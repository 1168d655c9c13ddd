/** Full-page explanations for a link that cannot open a postmortem. */
import { CloseCode } from '../../shared/protocol/index.ts';
import type { ApiError } from '../api/client.ts';
import { FullPageMessage } from './FullPageMessage.tsx';

/** The API refused the link (401, 403, 404, …). */
export function AccessDenied({ error }: { error: ApiError }) {
  if (error.status === 404) {
    return (
      <FullPageMessage title="Postmortem not found" action="home">
        No postmortem exists at this address. Check that the link was copied completely.
      </FullPageMessage>
    );
  }
  if (error.status === 401 || error.status === 403) {
    return (
      <FullPageMessage title="This link is not valid" action="home">
        The link does not open this postmortem. It may be incomplete; ask the facilitator to send it again.
      </FullPageMessage>
    );
  }
  return (
    <FullPageMessage title="The postmortem could not be opened" action="home">
      {error.message}
    </FullPageMessage>
  );
}

/** The collaboration socket closed for good (4401 bad token, 4404 unknown id). */
export function SocketClosed({ code, reason }: { code: number; reason: string }) {
  const title = code === CloseCode.unknownDocument ? 'Postmortem not found' : 'This link is not valid';
  return (
    <FullPageMessage title={title} action="home">
      <span role="alert">{reason}</span>
    </FullPageMessage>
  );
}
