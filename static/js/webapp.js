// The installable app: registers the service worker (integrations/webapp). Without it the
// site works the same, only not offline.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  });
}
