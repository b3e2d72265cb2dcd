// Registers the service worker (web/pwa.config.ts) in the built console. A new build takes over
// when the browser finds it (autoUpdate: the page reloads once, seconds after opening; why in
// docs/DECISIONS.md "Offline console (issue 22)").
// The registration code is a small chunk of its own, loaded right after start: not in the first
// download (issue 24 item 5).

export const registerServiceWorker = () => {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The first visit loads config.json before any worker exists; once the worker takes control,
  // ask again through it, so its cache holds the config and an offline reload still starts.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    fetch('/config.json', { cache: 'no-store' }).catch(() => undefined);
  });
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
};
