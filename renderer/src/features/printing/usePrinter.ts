import { ref } from 'vue';
import type { MethodInput } from '../../../../contract';
import type { PrinterCondition } from '../../../../contract/api/devices';
import { useBridge } from '../../bridge';
import { useVoicePrompt } from '../speech/useVoicePrompt';

/** What the caller gives: the input of the devices area's `printer.print` (a receipt as data). */
export type ReceiptInput = MethodInput<'printer.print'>['receipt'];

export interface PrintResult {
  printed: boolean;
  /** The printer's typed condition (`paper-out`, `cover-open`, `offline`, `absent` …). */
  condition?: PrinterCondition | 'unavailable';
  /** The receipt as the printer service rendered it, for showing on screen when it cannot print. */
  previewSvg?: string;
  /** The receipt as sent, drawn on screen with the app's own font when nothing came out. */
  receipt?: ReceiptInput;
}

/**
 * Prints receipts through the services. Never throws: a printer that cannot print (paper out, cover
 * open, offline, absent, or a services failure) comes back as `printed: false` with the preview, so the
 * screen can show the receipt and a QR code instead (see PrintOutcome.vue).
 */
export function usePrinter() {
  const printing = ref(false);
  const last = ref<PrintResult | null>(null);
  const say = useVoicePrompt();

  const print = async (template: ReceiptInput): Promise<PrintResult> => {
    printing.value = true;
    try {
      const r = await useBridge().call('printer.print', { receipt: template });
      const result: PrintResult = r.ok
        ? { printed: r.value.printed, condition: r.value.condition, previewSvg: r.value.previewSvg || undefined, receipt: template }
        : { printed: false, condition: r.error.code === 'unavailable' ? 'absent' : 'unavailable', receipt: template };
      last.value = result;
      // Paper came out where the person is not looking: they are told to take it.
      if (result.printed) say('takeReceipt');
      return result;
    } catch {
      const result: PrintResult = { printed: false, condition: 'unavailable', receipt: template };
      last.value = result;
      return result;
    } finally {
      printing.value = false;
    }
  };
  return { print, printing, last };
}
