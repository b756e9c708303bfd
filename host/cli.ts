import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { RESTART_EXIT_CODE } from '../services/admin/app-update/ab-slots';
import { ConfigError, kioskProfile, loadConfig } from '../services/config';
import { createKioskServices } from '../services/kiosk-services';
import { technicianToken } from '../services/security/technician-token';
import { startNodeHost, type NodeHost } from './server';

/**
 * The services and the renderer in plain Node, for a browser or a Chromium kiosk. Production unless
 * KIOSK_PROFILE says otherwise; `npm run kiosk` passes `--default-profile demo`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'default-profile': { type: 'string' } } });
  const defaultProfile = kioskProfile.parse(values['default-profile'] ?? 'production');
  const config = loadConfig(process.env, { profile: defaultProfile });
  if (!fs.existsSync(config.rendererDir)) {
    console.error(`The renderer is not built (${config.rendererDir} missing): run "npm run build:renderer".`);
    process.exit(1);
  }
  let stopping = false;
  let host: NodeHost | null = null;
  // An app update switching (or rolling back) ends this process; the launcher starts the build it names.
  const services = createKioskServices(config, { restart: () => void stop(RESTART_EXIT_CODE) });
  async function stop(code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    await host?.close();
    await services.stop();
    process.exit(code);
  }
  let servicesStarted!: () => void;
  const ready = new Promise<void>((resolve) => (servicesStarted = resolve));
  host = await startNodeHost(services, config.rendererDir, config.port, { technicianToken: technicianToken(config.dataDir, config.technicianToken), ready });
  await services.start();
  servicesStarted();
  const health = services.health();
  if (health.ready) console.log(`Kiosk ready at ${host.url}`);
  else console.log(`Kiosk not ready at ${host.url}: ${health.reasons.map((r) => r.message).join('; ')}`);
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('Kiosk failed to start:', err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
