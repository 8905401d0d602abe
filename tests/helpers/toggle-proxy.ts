import net from 'node:net';

/**
 * A TCP proxy on loopback in front of PostgreSQL that can be "unplugged": `down()` cuts every
 * open connection and from then on accepts new ones but never answers, as a database host that
 * dropped off the network does (the client must time out on its own); `up()` forwards again.
 */
export interface ToggleProxy {
  port: number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startToggleProxy(
  listenPort: number,
  target: { host: string; port: number },
): Promise<ToggleProxy> {
  let forwarding = true;
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (!forwarding) return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port: listenPort,
    down() {
      forwarding = false;
      cutAll();
    },
    up() {
      forwarding = true;
      // Connections accepted while down are waiting for an answer that will never come.
      cutAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
