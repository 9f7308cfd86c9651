// The devices page: "Turn on push on this device" asks the browser for a push subscription
// with the site's public key and posts it (CSRF header) to integrations:push_subscribe.
// Without JavaScript or push support, the page says so and the rest still works.
(() => {
  const button = document.querySelector("[data-push-subscribe]");
  if (!button) return;
  const status = document.querySelector("[data-push-status]");
  const show = (selector) => {
    const element = document.querySelector(selector);
    if (element) element.hidden = false;
  };
  document.querySelector(".push-needs-script").hidden = true;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    show("[data-push-unsupported]");
    return;
  }
  if (Notification.permission === "denied") show("[data-push-denied]");

  const keyBytes = (text) => {
    const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  };
  const csrf = () => {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };

  navigator.serviceWorker.ready.then(async (registration) => {
    const existing = await registration.pushManager.getSubscription();
    if (existing && Notification.permission === "granted") show("[data-push-on]");
  });
  button.hidden = false;

  button.addEventListener("click", async () => {
    status.textContent = "";
    button.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        show("[data-push-denied]");
        return;
      }
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      const registration = await navigator.serviceWorker.ready;
      let subscription = await registration.pushManager.getSubscription();
      if (!subscription) {
        subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(button.dataset.key),
        });
      }
      const response = await fetch(button.dataset.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify(subscription.toJSON()),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        window.location.reload();
        return;
      }
      status.textContent = (answer.errors || []).join(" ") || response.statusText;
    } catch (error) {
      status.textContent = error.message || String(error);
    } finally {
      button.disabled = false;
    }
  });
})();
