/**
 * A minimal TCP load balancer for tests, like any HTTP balancer in front of several server
 * processes: each connection goes to the next target in turn, skipping targets that refuse it.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** `targets` are http://host:port URLs; read at each connection, so the list may change. */
export async function startBalancer(targets: () => string[]): Promise<Balancer> {
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const list = targets();
    const tryTarget = (attempt: number) => {
      if (attempt >= list.length || client.destroyed) return client.destroy();
      const { hostname, port } = new URL(list[next++ % list.length]!);
      const upstream = net.connect(Number(port), hostname);
      upstream.once('error', () => tryTarget(attempt + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryTarget(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
