import { onBeforeUnmount, onMounted } from 'vue';
import type { Router } from 'vue-router';
import { useBridge } from '../../bridge';

/** The hidden gesture: this many taps in the bottom-left corner within `GESTURE_MS`. */
export const GESTURE_TAPS = 5;
export const GESTURE_MS = 3_000;
/** The corner's size; nothing is drawn there, taps are only counted (the page below works as usual). */
export const GESTURE_CORNER_PX = 90;

/**
 * What the kiosk page does for technicians and lockdown, wherever it is: counts the hidden gesture
 * that opens admin mode, reloads itself when the services ask (recovery, safe mode, a technician's
 * restart), and keeps a person from leaving the app's own display: no context menu, no pinch zoom
 * (a pinched kiosk stays zoomed for the next person; large-font mode is the accessible way to enlarge).
 */
export function useAdminShell(router: Router): void {
  let taps: number[] = [];
  const onPointer = (e: PointerEvent): void => {
    if (e.clientX > GESTURE_CORNER_PX || e.clientY < window.innerHeight - GESTURE_CORNER_PX) {
      taps = [];
      return;
    }
    const now = e.timeStamp;
    taps = [...taps.filter((t) => now - t < GESTURE_MS), now];
    if (taps.length >= GESTURE_TAPS) {
      taps = [];
      void router.push({ name: 'admin' });
    }
  };
  const noMenu = (e: Event): void => e.preventDefault();
  const noPinch = (e: TouchEvent): void => {
    if (e.touches.length > 1) e.preventDefault();
  };
  const noZoomWheel = (e: WheelEvent): void => {
    if (e.ctrlKey) e.preventDefault();
  };
  let unsubscribe: (() => void) | null = null;

  onMounted(() => {
    window.addEventListener('pointerdown', onPointer, { capture: true, passive: true });
    window.addEventListener('contextmenu', noMenu, { capture: true });
    window.addEventListener('touchmove', noPinch, { capture: true, passive: false });
    window.addEventListener('wheel', noZoomWheel, { capture: true, passive: false });
    // Chromium honours touch-action: pinch-zoom is not among the allowed gestures.
    document.documentElement.style.touchAction = 'pan-x pan-y';
    unsubscribe = useBridge().subscribe((event) => {
      if (event.type === 'kiosk.reload') window.location.assign('/');
    });
  });
  onBeforeUnmount(() => {
    window.removeEventListener('pointerdown', onPointer, { capture: true });
    window.removeEventListener('contextmenu', noMenu, { capture: true });
    window.removeEventListener('touchmove', noPinch, { capture: true });
    window.removeEventListener('wheel', noZoomWheel, { capture: true });
    unsubscribe?.();
  });
}
