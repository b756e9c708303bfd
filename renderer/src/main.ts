import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useBridge } from './bridge';
import { i18n } from './i18n';
import { router } from './router';
import { useIdentityStore } from './features/identity/store';
import { useDevicesStore } from './stores/devices';
import { useKioskStore } from './stores/kiosk';

const app = createApp(App).use(createPinia()).use(router).use(i18n);

useBridge().subscribe((event) => {
  if (event.type === 'device.status') useDevicesStore().update(event.status);
});
void useKioskStore().load();
// Listening from the start: a card placed before the identify screen opens is not missed.
useIdentityStore();
app.mount('#app');
