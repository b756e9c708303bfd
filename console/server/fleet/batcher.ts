/**
 * Gathers the same small statement from many concurrent requests into one: while a batch is at the
 * database, the next requests wait together and go as the next batch. Idle, a request goes alone at
 * once (no timer); busy, batches grow by themselves, which is what a database on two cores needs —
 * one statement for forty heartbeats costs little more than one for one.
 */
export class Batcher<K, R> {
  private queue: Array<{ key: K; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly run: (keys: readonly K[]) => Promise<readonly R[]>,
    private readonly o: { readonly maxBatch: number; readonly concurrency: number },
  ) {}

  load(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.running < this.o.concurrency) {
        this.running++;
        // The rest of this turn's requests join the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.o.maxBatch);
      try {
        const results = await this.run(batch.map((b) => b.key));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.running--;
  }
}
