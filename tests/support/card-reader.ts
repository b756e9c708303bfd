import type { KioskServices } from '../../services/kiosk-services';
import { readSimulators, simControl, waitUntil, type SampleCard } from '../e2e/support/simulators';

/**
 * Puts a sample card on the kiosk's simulated ID card reader (a separate program speaking the SAM
 * protocol over a PTY) and waits until the services hold its holder as the session's person: the
 * only way a test identifies anybody.
 */
export async function presentCard(services: KioskServices, dataDir: string, card: SampleCard = 'valid'): Promise<void> {
  const reader = (await readSimulators(dataDir)).url('idReader');
  await simControl(reader, 'POST', '/card/remove');
  await simControl(reader, 'POST', '/card/insert', { card });
  await waitUntil(
    async () => {
      const r = await services.dispatch('session.identify', {}, { via: 'test' });
      return r.ok && (r.value as { person: unknown }).person !== null;
    },
    20_000,
    `the services did not bind the ${card} card`,
    50,
  );
}

/** Lifts the card off the simulated reader. */
export async function liftCard(dataDir: string): Promise<void> {
  await simControl((await readSimulators(dataDir)).url('idReader'), 'POST', '/card/remove');
}
