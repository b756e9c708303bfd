import { useI18n } from 'vue-i18n';
import type { FiledApplication } from '../../../../contract';
import { useBridge } from '../../bridge';
import { useKioskStore } from '../../stores/kiosk';
import { receiptLang } from '../printing/receipt-labels';
import { usePrinter } from '../printing/usePrinter';
import { submissionReceipt } from '../submit/receipt';

/**
 * The real receipt of a filing, printed again from what the platform holds of it (found by its slip
 * at any kiosk, or listed in 我的办件): the same paper the filing kiosk printed, still-to-provide list included.
 */
export function useReprint() {
  const printer = usePrinter();
  const { locale } = useI18n();
  const print = async (filed: FiledApplication): Promise<void> => {
    const r = await useBridge().call('content.item', { code: filed.itemCode });
    if (!r.ok) return;
    const publicUrl = useKioskStore().info?.publicUrl ?? null;
    await printer.print(submissionReceipt(r.value.item, { ...filed, submittedAt: filed.acceptedAt }, publicUrl, receiptLang(locale.value)));
  };
  return { print, printing: printer.printing, last: printer.last };
}
