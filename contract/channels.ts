import type { MethodName } from './api';

/** IPC channel names. The preload refuses anything outside this namespace. */
export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL = 'kiosk:event';
export const channelOf = (method: MethodName): string => `${CHANNEL_PREFIX}${method}`;
export const methodOfChannel = (channel: string): string | null =>
  channel.startsWith(CHANNEL_PREFIX) && channel !== EVENT_CHANNEL ? channel.slice(CHANNEL_PREFIX.length) : null;

/** HTTP paths of the Node host's implementation of the same contract. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/events';
