// Bundled like the kiosk's: a console machine (or the test Chromium) may have no CJK font at all, and
// Chinese would show as boxes. The files are served from the console's own origin (CSP font-src 'self').
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';

createApp(App).use(i18n).use(router).mount('#app');
