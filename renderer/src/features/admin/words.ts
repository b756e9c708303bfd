import type { Composer } from 'vue-i18n';
import type { DeviceStatus } from '../../../../contract';

/** A device's state in words, with its condition (paper out, cover open …) when it has one. */
export function deviceWords(t: Composer['t'], te: Composer['te'], d: Pick<DeviceStatus, 'state' | 'condition'>): string {
  const state = te(`devices.state.${d.state}`) ? t(`devices.state.${d.state}`) : d.state;
  const condition = d.condition && d.condition !== 'ok' && te(`devices.condition.${d.condition}`) ? t(`devices.condition.${d.condition}`) : '';
  return condition ? t('admin.devices.stateWithCondition', { state, condition }) : state;
}

export const bytesText = (n: number | null): string => (n === null ? '—' : n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`);
