import { ConsoleConfigError, loadConsoleConfig } from './config';
import { startConsole } from './app';

/** `npm run console`: the fleet console on its own (embedded PostgreSQL unless FLEET_DATABASE_URL names a server). */
async function main(): Promise<void> {
  const config = loadConsoleConfig();
  const running = await startConsole(config);
  console.log(`Console ready at ${running.url}`);
  console.log(`Database: ${running.ctx.db.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server (FLEET_DATABASE_URL)'}`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('Console failed to start:', err instanceof ConsoleConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
