import { ref } from 'vue';

/** Id of the text field whose on-screen keyboard is open: one at a time, so two never cover the screen. */
export const activeField = ref<string | null>(null);
