import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { registerSessionReset } from '../../stores/session';
import type { Corners } from './geometry';

/** One page the person captured: what the screens show of it (the image itself went to the services). */
export interface CapturedPageView {
  readonly pageId: string;
  readonly itemCode: string;
  readonly materialId: string;
  /** A small JPEG data URL for the checklist and the review screen. */
  readonly thumbnail: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** Where the page was found in the camera frame (full-frame pixels). */
  readonly corners: Corners;
}

/**
 * The pages captured with the document camera for the application under way. The person's own
 * papers: wiped with the session, like the services' copy.
 */
export const useCaptureStore = defineStore('capture', () => {
  const pages = ref<CapturedPageView[]>([]);
  const add = (p: CapturedPageView): void => {
    // Pages of another item are from an application the person left (the services dropped them too).
    pages.value = [...pages.value.filter((x) => x.itemCode === p.itemCode), p];
  };
  const remove = (pageId: string): void => {
    pages.value = pages.value.filter((p) => p.pageId !== pageId);
  };
  const of = (itemCode: string, materialId: string): CapturedPageView[] => pages.value.filter((p) => p.itemCode === itemCode && p.materialId === materialId);
  const held = computed(() => ({ pages: pages.value.length, bytes: pages.value.reduce((n, p) => n + p.bytes, 0) }));
  /** After filing the services hold nothing: neither does the screen. */
  const clear = (): void => {
    pages.value = [];
  };
  registerSessionReset(clear, () => pages.value.length > 0);
  return { pages, add, remove, of, held, clear };
});
