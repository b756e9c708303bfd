import { ref } from 'vue';

/** Id of the text field whose on-screen keyboard is open (one at a time). */
export const activeEntry = ref<string | null>(null);
