// Child process for the kill-9 test: applies one bundle directory to a kiosk store, then exits.
import fs from 'node:fs';
import { ContentStore, contentMigrations } from '../../../services/content/store';
import { silentLogger } from '../../../services/log/logger';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore } from '../../../services/store/database';

const [dataDir, bundleDir, rootFile] = process.argv.slice(2) as [string, string, string];
const db = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
const store = new ContentStore(db, dataDir, silentLogger());
store.pinRoot(fs.readFileSync(rootFile, 'utf8'));
process.stdout.write('ready\n');
store
  .applyBundleDir(bundleDir, 'kill-test')
  .then(({ version }) => process.stdout.write(`applied ${version}\n`))
  .catch((err: Error) => process.stdout.write(`rejected ${err.message}\n`))
  .finally(() => db.close());
