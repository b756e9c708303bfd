import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRootFrom } from '../kernel/node/project-root';
import { AbSlots, RESTART_EXIT_CODE } from '../services/admin/app-update/ab-slots';
import { ConfigError, loadConfig } from '../services/config';

/**
 * The program systemd starts (`kiosk-launcher`): it picks the build to run from the A/B state
 * (KIOSK_APP_SLOTS_DIR) — the committed one, or a build on trial while it has starts left (a trial that
 * used them up is rolled back here) — and runs it: the Node host of that build, or the program its
 * `kiosk-app.json` names (an Electron build). When the build exits asking for a restart, the choice is
 * made again at once; any other exit is systemd's to restart. The launcher itself always comes from
 * the package, so a broken update cannot break the way back.
 */
async function main(): Promise<void> {
  // `--factory=<dir>`: the package's build, when not the tree the launcher runs from (tests); the rest goes to the kiosk.
  const own = process.argv.slice(2).find((a) => a.startsWith('--factory='));
  const factory = own ? path.resolve(own.slice('--factory='.length)) : projectRootFrom(import.meta.dirname);
  const args = process.argv.slice(2).filter((a) => a !== own);
  const config = loadConfig(process.env);
  const slots = config.admin.appSlotsDir ? new AbSlots(config.admin.appSlotsDir, factory) : null;
  for (;;) {
    let choice = slots?.launch() ?? { slot: 'factory' as const, trial: false };
    let tree = slots ? slots.treeOf(choice.slot) : factory;
    if (slots && choice.slot !== 'factory' && !fs.existsSync(tree)) {
      slots.rollback(`slot ${choice.slot} is missing`);
      choice = { slot: slots.read().current, trial: false };
      tree = slots.treeOf(choice.slot);
    }
    const manifest = path.join(tree, 'kiosk-app.json');
    const app = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exec?: string }) : {};
    const [command, commandArgs] = app.exec ? [path.join(tree, app.exec), args] : [process.execPath, [path.join(tree, 'dist', 'node', 'host.mjs'), ...args]];
    console.log(`kiosk-launcher: starting ${choice.slot}${choice.trial ? ' (trial)' : ''} from ${tree}`);
    const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, KIOSK_APP_SLOT: choice.slot } });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1))));
    process.off('SIGTERM', forward);
    process.off('SIGINT', forward);
    if (code !== RESTART_EXIT_CODE) process.exit(code);
  }
}

main().catch((err: unknown) => {
  console.error('kiosk-launcher:', err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
