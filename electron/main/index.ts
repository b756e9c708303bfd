import { app } from 'electron';
import { startShell } from './shell';

/** Entry point of `electron .` (package.json "main" → dist/electron/main/index.js). */
startShell().catch((err: unknown) => {
  console.error('Kiosk shell failed to start:', err instanceof Error ? err.stack : err);
  app.exit(1);
});
