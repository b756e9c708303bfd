import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: Record<string, unknown>;
  readonly error?: { message: string };
  readonly sessionId?: string;
}

/**
 * The Chrome DevTools Protocol over `--remote-debugging-pipe` (fd 3: commands in, fd 4: messages out,
 * each JSON text ended by a NUL byte). A pipe, not a debugging port: no other program on the kiosk can
 * connect to the browser. Written by hand because it is forty lines and the supervisor needs nothing else.
 */
export class CdpPipe extends EventEmitter {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private buffer = '';
  private readonly out: Writable;

  constructor(child: ChildProcess) {
    super();
    this.out = child.stdio[3] as Writable;
    const input = child.stdio[4] as Readable;
    input.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const text = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        let m: Message;
        try {
          m = JSON.parse(text) as Message;
        } catch {
          continue;
        }
        if (m.id !== undefined) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.error) p?.reject(new Error(m.error.message));
          else p?.resolve(m);
        } else if (m.method) this.emit('event', m.method, m.params ?? {}, m.sessionId);
      }
    });
    input.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('browser pipe closed'));
      this.pending.clear();
    });
  }

  /** Sends a command; rejects after `timeoutMs` (a hung renderer never answers). */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m.result ?? {});
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** A command whose answer never comes (Page.crash): sent, not awaited. */
  fire(method: string, params: Record<string, unknown> = {}, sessionId?: string): void {
    this.out.write(`${JSON.stringify({ id: this.nextId++, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  }
}
