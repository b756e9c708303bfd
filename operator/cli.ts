import { parseArgs } from 'node:util';
import { build, exportForDrive, keygen, makeRoot, publish, publishApp, sign, timestamp, verify } from './commands';
import { sentenceTest } from './sentence-test';

const USAGE = `operator CLI — content bundles for the kiosk

  npm run operator -- keygen --out keys/alice.key.json [--label alice]
  npm run operator -- root --keys a.pub.json,b.pub.json,c.pub.json --threshold 2 --sign a.key.json,b.key.json --out root.json [--version 1] [--expires-days 3650]
  npm run operator -- build <content-dir> --out <bundle-dir>
  npm run operator -- sign <bundle-dir> --version <n> --keys a.key.json,b.key.json --roots 1.root.json[,2.root.json] [--expires-days 30] [--timestamp-days 30]
  npm run operator -- verify <bundle-dir> --root root.json
  npm run operator -- publish <bundle-dir> --to <repository> --keys … --roots … [--keep 3] [--channel stable] [--expires-days 30] [--timestamp-days 7]
  npm run operator -- publish-app <build-file> --to <repository> --version 0.2.0 --keys … --roots … [--channel stable]
  npm run operator -- timestamp --to <repository> --keys … [--timestamp-days 7]
  npm run operator -- export --to <repository> --out <usb-dir> [--apps]
  npm run operator -- sentence-test <content-dir|bundle-dir|content.db> --sentences <file.json> [--within 3]
  npm run content-server -- --dir <repository> [--port 8090]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' }, label: { type: 'string' }, keys: { type: 'string' }, threshold: { type: 'string' },
    sign: { type: 'string' }, version: { type: 'string' }, 'expires-days': { type: 'string' }, roots: { type: 'string' },
    root: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' }, 'timestamp-days': { type: 'string' },
    keep: { type: 'string' }, channel: { type: 'string' }, apps: { type: 'boolean' },
    sentences: { type: 'string' }, within: { type: 'string' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const need = (v: string | undefined, name: string): string => {
  if (!v) throw new Error(`missing ${name}\n\n${USAGE}`);
  return v;
};
const int = (v: string | undefined, name: string, fallback?: number): number => {
  const n = v === undefined ? fallback : Number(v);
  if (n === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};

async function main(): Promise<void> {
  const [command, arg] = positionals;
  if (values.help || !command) {
    say(USAGE);
    return;
  }
  switch (command) {
    case 'keygen': return keygen(need(values.out, '--out'), values.label ?? 'operator', say);
    case 'root': return makeRoot({ keys: need(values.keys, '--keys'), threshold: int(values.threshold, '--threshold'), version: int(values.version, '--version', 1), signWith: need(values.sign, '--sign'), out: need(values.out, '--out'), expiresDays: int(values['expires-days'], '--expires-days', 3650) }, say);
    case 'build': return build(need(arg, '<content-dir>'), need(values.out, '--out'), say);
    case 'sign': {
      const expiresDays = int(values['expires-days'], '--expires-days', 30);
      return sign({ dir: need(arg, '<bundle-dir>'), version: int(values.version, '--version'), keys: need(values.keys, '--keys'), roots: need(values.roots, '--roots'), expiresDays, timestampDays: int(values['timestamp-days'], '--timestamp-days', expiresDays) }, say);
    }
    case 'verify': return verify(need(arg, '<bundle-dir>'), need(values.root, '--root'), say);
    case 'publish':
      return publish({
        dir: need(arg, '<bundle-dir>'), repo: need(values.to, '--to'), keys: need(values.keys, '--keys'), roots: need(values.roots, '--roots'),
        expiresDays: int(values['expires-days'], '--expires-days', 30), timestampDays: int(values['timestamp-days'], '--timestamp-days', 7),
        keep: int(values.keep, '--keep', 3), channel: values.channel ?? 'stable',
      }, say);
    case 'publish-app':
      return publishApp({
        file: need(arg, '<build-file>'), repo: need(values.to, '--to'), version: need(values.version, '--version'), keys: need(values.keys, '--keys'), roots: need(values.roots, '--roots'),
        expiresDays: int(values['expires-days'], '--expires-days', 30), timestampDays: int(values['timestamp-days'], '--timestamp-days', 7), channel: values.channel ?? 'stable',
      }, say);
    case 'timestamp': return timestamp({ repo: need(values.to, '--to'), keys: need(values.keys, '--keys'), days: int(values['timestamp-days'], '--timestamp-days', 7) }, say);
    case 'export': return exportForDrive({ repo: need(values.to, '--to'), out: need(values.out, '--out'), apps: values.apps === true }, say);
    case 'sentence-test': return sentenceTest({ source: need(arg, '<content-dir|bundle-dir|content.db>'), sentences: need(values.sentences, '--sentences'), within: int(values.within, '--within', 3) }, say);
    default: throw new Error(`unknown command ${command}\n\n${USAGE}`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`operator: ${err.name.startsWith('BundleRejected') ? `rejected (${(err as { reason?: string }).reason}): ` : ''}${err.message}\n`);
  process.exit(1);
});
