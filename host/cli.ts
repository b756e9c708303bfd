import fs from 'node:fs';
import { configFromEnv } from '../services/config';
import { createKioskServices } from '../services/kiosk-services';
import { technicianToken } from '../services/security/technician-token';
import { startNodeHost } from './server';

/** `npm run kiosk`: the services and the renderer in plain Node, for a browser or a Chromium kiosk. */
async function main(): Promise<void> {
  const config = configFromEnv();
  if (!fs.existsSync(config.rendererDir)) {
    console.error(`The renderer is not built (${config.rendererDir} missing): run "npm run build:renderer".`);
    process.exit(1);
  }
  const services = createKioskServices(config);
  await services.start();
  const host = await startNodeHost(services, config.rendererDir, config.port, { technicianToken: technicianToken(config.dataDir) });
  console.log(`Kiosk ready at ${host.url}`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('Kiosk failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
