// Without signal the console still starts (the service worker serves the shell, issue 22); this
// notice says so in words, instead of each screen failing on its own with a network error. It
// follows the browser's online/offline events and goes as soon as the connection is back.
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/locale';

const subscribe = (changed: () => void) => {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
};
const isOffline = () => !navigator.onLine;

export const OfflineBanner = () => {
  const t = useT();
  const offline = useSyncExternalStore(subscribe, isOffline, () => false);
  if (!offline) return null;
  return (
    <p className="offline-banner" role="status">
      {t('offline.notice')}
    </p>
  );
};
