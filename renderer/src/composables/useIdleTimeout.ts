import { onScopeDispose, ref, watch, type Ref } from 'vue';

export interface IdleTimeoutOptions {
  /** Seconds without a touch or key before the warning shows. */
  idleSeconds: Ref<number>;
  /** Seconds the warning counts down before `onTimeout` runs. */
  warningSeconds: Ref<number>;
  /** Whether the timer runs at all (e.g. not on an empty home screen). */
  active: Ref<boolean>;
  /** Held while the person is asked to wait (e.g. for staff); it starts afresh when released. */
  paused?: Ref<boolean>;
  onTimeout: () => void;
  /** Injectable for tests. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Idle-session timeout that always warns before it acts: after `idleSeconds` without activity a
 * countdown of `warningSeconds` starts, any touch extends the session, and only the end of the
 * countdown ends it.
 */
export function useIdleTimeout(options: IdleTimeoutOptions) {
  const target = options.target ?? window;
  const warning = ref(false);
  const remaining = ref(0);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let tick: ReturnType<typeof setInterval> | undefined;

  const clear = (): void => {
    clearTimeout(idleTimer);
    clearInterval(tick);
  };
  const startWarning = (): void => {
    warning.value = true;
    remaining.value = options.warningSeconds.value;
    tick = setInterval(() => {
      remaining.value -= 1;
      if (remaining.value <= 0) {
        clear();
        warning.value = false;
        options.onTimeout();
      }
    }, 1000);
  };
  const restart = (): void => {
    clear();
    warning.value = false;
    if (options.active.value && !options.paused?.value) idleTimer = setTimeout(startWarning, options.idleSeconds.value * 1000);
  };
  /** Activity while the warning shows does not dismiss it by accident: only the button does. */
  const onActivity = (): void => {
    if (!warning.value) restart();
  };

  for (const e of ACTIVITY_EVENTS) target.addEventListener(e, onActivity, { passive: true });
  watch([options.active, options.idleSeconds, () => options.paused?.value ?? false], restart, { immediate: true });
  onScopeDispose(() => {
    clear();
    for (const e of ACTIVITY_EVENTS) target.removeEventListener(e, onActivity);
  });

  return { warning, remaining, extend: restart };
}
