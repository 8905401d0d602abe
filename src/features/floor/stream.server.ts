import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { sessions, users } from '~db/schema';
import { log } from '~/lib/server/log';
import {
  type Actor,
  FLOOR_CHANNEL,
  type FloorEvent,
  type RevokeEvent,
  eventFor,
  eventsSince,
} from './floor.server';

/** Comments every ~20 s keep proxies and balancers from closing a quiet stream. */
export const HEARTBEAT_MS = 20_000;

type Listener = (event: FloorEvent | RevokeEvent) => void;
type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

/**
 * One LISTEN per server instance, shared by every open stream on it: a NOTIFY from any instance
 * reaches each subscriber here. The LISTEN starts with the first subscriber and stops with the last.
 */
class FloorHub {
  private listeners = new Set<Listener>();
  private unlisten: Promise<() => Promise<void>> | null = null;

  constructor(private listen: Listen) {}

  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    this.unlisten ??= this.listen(FLOOR_CHANNEL, (payload) => this.dispatch(payload)).catch((error) => {
      this.unlisten = null;
      throw error;
    });
    await this.unlisten;
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unlisten) {
        const stop = this.unlisten;
        this.unlisten = null;
        void stop
          .then((fn) => fn())
          .catch((error) => log.warn({ area: 'línea', err: error }, 'unlisten falló'));
      }
    };
  }

  private dispatch(payload: string) {
    let event: FloorEvent | RevokeEvent;
    try {
      event = JSON.parse(payload) as FloorEvent | RevokeEvent;
    } catch {
      return;
    }
    for (const listener of this.listeners) listener(event);
  }
}

let hub: FloorHub | undefined;
let hubListen: Listen | undefined;
function hubFor(listen: Listen): FloorHub {
  if (!hub || hubListen !== listen) {
    hub = new FloorHub(listen);
    hubListen = listen;
  }
  return hub;
}

const encoder = new TextEncoder();
export function sseFrame(event: FloorEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Is the session still valid and its user active? (Checked at the idle deadline and each heartbeat.) */
async function sessionAlive(db: Executor, sessionId: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ expiresAt: sessions.expiresAt, absolute: sessions.absoluteExpiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), eq(users.active, true), gt(sessions.expiresAt, now)));
  if (!row || row.absolute <= now) return null;
  return row.expiresAt < row.absolute ? row.expiresAt : row.absolute;
}

export interface StreamOptions {
  db: Executor;
  listen: Listen;
  viewer: Actor;
  sessionId: string;
  /** The session's deadline when the stream opened. */
  expiresAt: Date;
  /** Last-Event-ID (or ?after=): replay everything after it first. */
  afterId: number | null;
  signal?: AbortSignal;
  heartbeatMs?: number;
}

/**
 * The live floor as server-sent events: replay after `afterId`, then every NOTIFY, heartbeats,
 * and the end of the stream when the session ends (expiry, logout, or the user disabled).
 */
export function floorStream(opts: StreamOptions): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = opts.afterId ?? 0;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const pending: FloorEvent[] = [];
      let replaying = true;
      const deliver = (event: FloorEvent) => {
        if (event.id <= lastSent) return;
        lastSent = event.id;
        send(sseFrame(eventFor(event, opts.viewer)));
      };
      const unsubscribe = await hubFor(opts.listen).subscribe((event) => {
        // A disabled user (or one whose role changed) loses the stream at once, on every instance.
        if (event.type === 'revoke') {
          if (event.userId === opts.viewer.id) close();
          return;
        }
        if (replaying) pending.push(event);
        else deliver(event);
      });
      const heartbeat = setInterval(async () => {
        send(`: latido\n\n`);
        try {
          if (!(await sessionAlive(opts.db, opts.sessionId, new Date()))) close();
        } catch (error) {
          log.warn({ area: 'línea', err: error }, 'no se pudo revisar la sesión del flujo');
        }
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      let expiry: ReturnType<typeof setTimeout> | undefined;
      const scheduleExpiry = (at: Date) => {
        expiry = setTimeout(
          async () => {
            const next = await sessionAlive(opts.db, opts.sessionId, new Date()).catch(() => null);
            if (next) scheduleExpiry(next);
            else close();
          },
          Math.max(0, at.getTime() - Date.now()) + 50,
        );
      };
      scheduleExpiry(opts.expiresAt);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        if (expiry) clearTimeout(expiry);
      };
      // Revoked while subscribing: nothing else to do.
      if (closed) return cleanup();
      opts.signal?.addEventListener('abort', close);
      send(`retry: 3000\n: conectado\n\n`);
      try {
        if (opts.afterId !== null)
          for (const event of await eventsSince(opts.db, opts.afterId)) deliver(event);
      } catch (error) {
        log.error({ area: 'línea', err: error }, 'no se pudo repetir los eventos');
      }
      replaying = false;
      for (const event of pending.sort((a, b) => a.id - b.id)) deliver(event);
    },
    cancel() {
      cleanup();
    },
  });
}
