import { useBridge } from '../../bridge';

/** The `printer.print` input: a receipt as data (see hardware/receipts/template.ts). */
export interface ReceiptTemplate {
  title: string;
  subtitle?: string;
  fields?: { label: string; value: string }[];
  text?: string[];
  qr?: string;
  barcode?: string;
  stamp?: string;
  footer?: string[];
}
export interface PrintOutcome {
  printed: boolean;
  condition?: string;
  previewSvg?: string;
}

type PrinterModule = { usePrinter: () => { print(template: ReceiptTemplate): Promise<PrintOutcome> } };
// The printing feature (fallback preview, device checks) belongs to another helper; use it once it exists.
const printingModule = Object.values(import.meta.glob<PrinterModule>('../printing/usePrinter.ts', { eager: true }))[0];

/** Prints a receipt; never throws: the outcome says whether paper came out. */
export async function printReceipt(template: ReceiptTemplate): Promise<PrintOutcome> {
  if (printingModule) return printingModule.usePrinter().print(template);
  const r = await useBridge().call('printer.print', { receipt: template });
  if (r.ok) return { printed: r.value.printed, condition: r.value.condition, previewSvg: r.value.previewSvg };
  return { printed: false, condition: r.error.messageKey ?? r.error.code };
}
