/** Bugs the fuzzing found, one test each, so that they stay fixed. */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { fillFragment, readSnapshot } from '../../shared/schema/index.ts';
import { connectClient, openRawSocket } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { updateFrame } from './helpers/frames.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

describe('found by fuzzing', () => {
  it('a participant putting plain values into list roots does not break export, checks or publishing', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens.participant);
    // Valid Yjs, wrong shapes: a string row in the timeline and a number row in actions.
    const doc = new Y.Doc();
    doc.getArray('timeline').insert(0, ['not a row']);
    doc.getArray('actions').insert(0, [42]);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('kept text')]);
    doc.getXmlFragment('summary').insert(0, [p]);
    raw.send(updateFrame(Y.encodeStateAsUpdate(doc)));

    const auth = { authorization: `Bearer ${pm.tokens.facilitator}` };
    await waitFor(async () => JSON.stringify(await (await fetch(`${server.url}/api/postmortems/${pm.id}/export.json`, { headers: auth })).json()).includes('kept text'), { message: 'update applied' });
    for (const path of ['export.json', 'export.md', 'checks']) {
      expect((await fetch(`${server.url}/api/postmortems/${pm.id}/${path}`, { headers: auth })).status, path).toBe(200);
    }
    const publish = await fetch(`${server.url}/api/postmortems/${pm.id}/publish`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ overrideReason: 'regression test' }),
    });
    expect(publish.status).toBe(200);
    expect(server.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    raw.ws.close();
  });

  it('a text frame closes with 4400 only after the frames sent before it are applied', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    const raw = await openRawSocket(server.wsUrl, pm.id, pm.tokens.participant);
    for (let i = 0; i < 20; i += 1) {
      const doc = new Y.Doc();
      fillFragment(doc.getXmlFragment('summary'), `sent before the text frame ${i}`);
      raw.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    }
    raw.ws.send('text');
    expect((await raw.closed).code).toBe(CloseCode.malformedMessage);
    const fresh = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
    const summary = readSnapshot(fresh.doc).text.summary;
    fresh.destroy();
    for (let i = 0; i < 20; i += 1) expect(summary).toContain(`sent before the text frame ${i}`);
  });

  it('a corrupt compressed body is a 400 in the contract shape, not a 500', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await fetch(`${server.url}/api/postmortems/${pm.id}/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pm.tokens.facilitator}`, 'content-type': 'application/json', 'content-encoding': encoding },
        body: new Uint8Array([37, 176, 1, 2, 3]),
      });
      expect(res.status, encoding).toBe(400);
      expect(await res.json(), encoding).toEqual({ error: { code: 'bad_request', message: 'request body could not be read' } });
    }
  });
});
