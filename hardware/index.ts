/** Public surface of the hardware layer (no imports from contract, electron or the renderer). */
export { IdCardReader, type CardError, type CardRead, type IdReaderOptions, type RemovalDetect } from './drivers/idcard/driver';
export type { DecodedPhoto, PhotoDecoder } from './drivers/idcard/photo';
export { ReceiptPrinter, type PrintResult, type PrinterOptions } from './drivers/printer/driver';
export { EvaluationPad, PadRequestError, type PadOptions } from './drivers/pad/driver';
export type { PadKey } from './protocols/pad/messages';
export { QrScanner, partialLineTimeoutMs, type ScannerOptions, type ScannerSuffix } from './drivers/scanner/driver';
export { SupervisedDevice, type DeviceRole, type DeviceState, type DeviceStatus, type SupervisorOptions } from './drivers/supervisor';
export type { IdCardRecord, CardType } from './protocols/idcard/text-block';
export type { PrinterCondition } from './protocols/escpos/status';
export type { PadRating, PadReasonTable, RatingLevel } from './protocols/pad/messages';
export type { ScanLine } from './protocols/scanner/lines';
export { buildReceipt, receiptPreviewSvg, receiptMarkup, type BuiltReceipt } from './receipts/build';
export { DEFAULT_PROFILE, type PrinterProfile } from './receipts/profile';
export { testReceipt } from './receipts/test-receipt';
export type { ReceiptTemplate } from '../kernel/receipt';
export { probePorts, type ProbeOptions, type ProbeResult } from './probe';
export type {
  DeviceLine, SerialOpenOptions, SerialPortInfo, SerialTransport, SerialTransportPort, SerialTransportPortEvents,
} from './transport/serial-transport';
export { serialportTransport } from './transport/serialport-transport';
/** In-process ports for tests and demos; never the default. */
export { MockSerialTransport, type MockSerialDevice, type MockDeviceScript, type MockPortOptions } from './transport/mock-serial-transport';
export { DEFAULT_BAUD } from '../kernel/devices';
