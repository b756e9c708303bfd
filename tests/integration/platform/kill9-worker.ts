/**
 * Child process of the kill -9 trials: opens the outbox in `dataDir`, runs the sender against the
 * simulator and commits entries at random moments, printing `C <receiptId>` to fd 1 once each
 * commit returned (what the kiosk would tell the user). With `--drain` it only delivers what is
 * left and exits. The parent kills it with SIGKILL at a random moment.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { createLogger } from '../../../services/log/logger';
import { PlatformClient } from '../../../services/platform/client';
import { loadSigningKey } from '../../../services/platform/keys';
import type { OutboxKind } from '../../../services/platform/outbox-store';
import { outboxRig } from './outbox-harness';


/** The kinds a person files (a queue ticket reconciled later is not filed and has its own tests). */
const KINDS = ['application', 'evaluation', 'feedback', 'help'] as const satisfies readonly OutboxKind[];
type FiledKind = (typeof KINDS)[number];

const payload = (kind: FiledKind, marker: string): unknown => {
  const now = new Date().toISOString();
  const person = { agentName: '李小红', agentIdNumber: '440524199211030287', agentMobile: '18923456789' };
  switch (kind) {
    case 'application':
      return { itemCode: 'GD-SC-FOOD-NEW', applicant: { creditCode: '91440605MA4UL2K84H', ...person }, formData: { marker }, attachments: [], smartApproval: false };
    case 'evaluation':
      return { scope: 'service', level: 'satisfied', reasons: [], comment: marker, channel: 'kiosk', ratedAt: now };
    case 'feedback':
      return { category: 'other', description: marker, contactName: person.agentName, reportedAt: now };
    case 'help':
      return { topic: 'other', message: marker, contactName: person.agentName, requestedAt: now };
  }
};

/** Code is loaded; the store is opened only on "go", once the previous child is dead. */
function run(dataDir: string, simUrl: string, keyDir: string, tag: string, mode: string | undefined): void {
  const key = loadSigningKey(keyDir, 'kiosk-kill9');
  const client = new PlatformClient({ baseUrl: simUrl, key, timeoutMs: 2_000 });
  const log = createLogger({ file: path.join(dataDir, 'logs', 'worker.log'), echo: false });
  const rig = outboxRig(dataDir, client, { baseDelayMs: 5, maxDelayMs: 50, pollMs: 5, maxAttempts: 1_000 }, log);
  rig.sender.start();
  if (mode === '--drain') {
    const check = setInterval(() => {
      if (rig.store.counts().pending === 0) {
        clearInterval(check);
        fs.writeSync(1, 'DRAINED\n');
        void rig.close().then(() => process.exit(0));
      }
    }, 10);
  } else {
    fs.writeSync(1, 'READY\n');
    let n = 0;
    const next = (): void => {
      const kind = KINDS[Math.floor(Math.random() * KINDS.length)]!;
      const marker = `${tag}-${n++}`;
      const { receiptId } = rig.store.enqueue(kind, payload(kind, marker));
      fs.writeSync(1, `C ${receiptId} ${kind} ${marker}\n`);
      rig.sender.kick();
      setTimeout(next, Math.random() * 8);
    };
    next();
  }
}

function main(args: string[]): void {
  const [dataDir, simUrl, keyDir, tag, mode] = args as [string, string, string, string, string | undefined];
  // The test runs this from a V8 start-up snapshot, where only built-in modules can be required at
  // build time: native and other modules are required from the working directory at run time.
  (globalThis as { __nodeRequire?: NodeJS.Require }).__nodeRequire = createRequire(path.join(process.cwd(), 'noop.js'));
  // Node loads its fetch implementation on first use: do it now, while the previous child still runs.
  void fetch(`${simUrl}/v1/health`)
    .catch(() => undefined)
    .finally(() => fs.writeSync(1, 'LOADED\n'));
  process.stdin.once('data', () => run(dataDir, simUrl, keyDir, tag, mode));
}

if (v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));
else main(process.argv.slice(2));
