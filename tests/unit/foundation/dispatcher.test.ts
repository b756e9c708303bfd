import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../contract';
import { createDispatcher, type Handlers } from '../../../services/bridge/dispatcher';
import { EventBus } from '../../../services/bridge/event-bus';
import { silentLogger } from '../../../services/log/logger';

/** Handlers for the whole contract where only the method under test is real. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? (() => ok(undefined)),
  });
}

describe('bridge dispatcher (shared by the IPC and HTTP hosts)', () => {
  it('refuses a call that does not match its schema without running the service', async () => {
    const endSession = vi.fn(() => ok({ wiped: true }));
    const dispatch = createDispatcher(handlersWith({ 'session.end': endSession }), silentLogger());
    const result = await dispatch('session.end', { reason: 'drop table' }, { via: 'test' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.details?.join()).toContain('reason');
    }
    expect(endSession).not.toHaveBeenCalled();
  });

  it('refuses extra fields and unknown methods', async () => {
    const endSession = vi.fn(() => ok({ wiped: true }));
    const dispatch = createDispatcher(handlersWith({ 'session.end': endSession }), silentLogger());
    const extra = await dispatch('session.end', { reason: 'logout', sql: '1' }, { via: 'test' });
    expect(extra.ok || extra.error.code).toBe('invalid-request');
    const unknown = await dispatch('fs.readFile', {}, { via: 'test' });
    expect(unknown.ok || unknown.error.code).toBe('unknown-method');
    expect(endSession).not.toHaveBeenCalled();
  });

  it('passes a valid call through and returns the validated answer', async () => {
    const dispatch = createDispatcher(handlersWith({ 'session.end': () => ok({ wiped: true }) }), silentLogger());
    expect(await dispatch('session.end', { reason: 'logout' }, { via: 'test' })).toEqual({ ok: true, value: { wiped: true } });
  });

  it('turns an answer outside the contract, or a thrown bug, into a typed error', async () => {
    const bad = createDispatcher(
      handlersWith({ 'session.end': () => ok({ wiped: 'yes' } as never) }),
      silentLogger(),
    );
    const r1 = await bad('session.end', { reason: 'logout' }, { via: 'test' });
    expect(r1.ok || r1.error.code).toBe('invalid-response');
    const throwing = createDispatcher(
      handlersWith({
        'session.end': () => {
          throw new Error('boom');
        },
      }),
      silentLogger(),
    );
    const r2 = await throwing('session.end', { reason: 'logout' }, { via: 'test' });
    expect(r2.ok || r2.error.code).toBe('internal');
  });

  it('refuses technician methods to the kiosk UI unless the caller is a technician', async () => {
    const retry = vi.fn(() => ok({ requeued: true }));
    const dispatch = createDispatcher(handlersWith({ 'outbox.retry': retry }), silentLogger());
    const receiptId = '6f1c1d3e-2b1a-4c55-9a77-0d7f3f1b2c3d';
    for (const via of ['ipc', 'http'] as const) {
      const r = await dispatch('outbox.retry', { receiptId }, { via });
      expect(r.ok || r.error.code).toBe('forbidden');
    }
    expect(retry).not.toHaveBeenCalled();
    expect(await dispatch('outbox.retry', { receiptId }, { via: 'http', technician: true })).toEqual({ ok: true, value: { requeued: true } });
  });

  it('refuses to publish an event outside the contract', () => {
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.subscribe((e) => seen.push(e));
    expect(() => bus.publish({ type: 'session.expired', reason: 'nonsense' } as never)).toThrow();
    bus.publish({ type: 'session.expired', reason: 'logout' });
    expect(seen).toEqual([{ type: 'session.expired', reason: 'logout' }]);
  });
});
