import { startSimulator } from './server';

/**
 * `npm run platform-sim [-- --port N]`: the simulated provincial platform on 127.0.0.1.
 * Kiosk keys come from PLATFORM_SIM_KIOSK_KEYS (JSON { kioskId: spkiBase64 }) or POST /_control/kiosks.
 * Prints one line `PLATFORM_SIM_READY <url>` on stdout once it listens (the kiosk waits for it).
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const keys = process.env.PLATFORM_SIM_KIOSK_KEYS ? (JSON.parse(process.env.PLATFORM_SIM_KIOSK_KEYS) as Record<string, string>) : {};
  const sim = await startSimulator({
    port: Number(arg('port') ?? process.env.PLATFORM_SIM_PORT ?? 7310),
    kioskKeys: keys,
    helpAutoAnswerMs: Number(arg('help-auto-answer-ms') ?? process.env.PLATFORM_SIM_HELP_AUTO_ANSWER_MS ?? 15_000),
  });
  process.stdout.write(`PLATFORM_SIM_READY ${sim.url}\n`);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Exit with the parent kiosk if it goes away without stopping us (stdin closes).
  if (process.env.PLATFORM_SIM_EXIT_WITH_PARENT === '1') process.stdin.on('end', stop).resume();
}

main().catch((e: unknown) => {
  console.error('platform simulator failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
