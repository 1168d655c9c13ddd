/**
 * Records the frames a real y-websocket client sends while people edit a postmortem: the
 * valid traffic the mutation cases start from.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addAction, addDefense, addFactor, addTimelineEntry, fillFragment, roots } from '../../../shared/schema/document.ts';
import { waitFor } from '../../helpers/wait.ts';
import { createPostmortemOverHttp, type TestServer } from '../../helpers/server.ts';

export async function recordClientTraffic(server: TestServer): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  class RecordingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array || data instanceof ArrayBuffer) frames.push(new Uint8Array(data instanceof ArrayBuffer ? data : data.slice()));
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const pm = await createPostmortemOverHttp(server.url, { title: 'Recorded session', severity: 'SEV2' });
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, pm.id, doc, {
    params: { token: pm.tokens.facilitator },
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    provider.awareness.setLocalStateField('user', { name: 'Recorder', color: '#3366cc' });
    await waitFor(() => provider.synced, { message: 'recorder sync' });
    const r = roots(doc);
    r.meta.set('title', 'Checkout outage after the pool resize');
    fillFragment(r.richText('summary'), 'The connection pool was resized during the deploy.\nCheckout failed for 14 minutes.');
    fillFragment(r.richText('impact'), '2,300 failed checkouts over 14 minutes.');
    addTimelineEntry(doc, { at: '2026-11-02T14:05:00.000Z', body: 'Deploy started', known: 'Nothing unusual' });
    addTimelineEntry(doc, { at: '2026-11-02T14:09:00.000Z', body: 'Error rate alert fired' });
    addFactor(doc, { category: 'process', body: 'The pool size was not validated by the deploy pipeline.' });
    addDefense(doc, { name: 'Canary', state: 'failed', failure: 'latent' });
    addAction(doc, { action: 'Validate pool size in CI', owner: 'platform', due: '2026-12-01', kind: 'automation' });
    const summary = r.richText('summary');
    const text = (summary.get(summary.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(4, 'database ');
    text.delete(0, 4);
    const locks = r.moderation.get('locks');
    if (locks instanceof Y.Map) locks.set('impact', true);
    provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 9 });
    // Everything sent has been applied once the server's copy shows the last edit.
    await waitFor(async () => {
      const res = await fetch(`${server.url}/api/postmortems/${pm.id}/export.json`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } });
      return JSON.stringify(await res.json()).includes('Validate pool size');
    }, { message: 'recorded edits stored' });
  } finally {
    provider.destroy();
    doc.destroy();
  }
  return frames;
}
