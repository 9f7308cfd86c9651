// The offline page: lists the lessons this device keeps (the service worker's
// "academy-lessons" cache), each by its page title, and a "try again" that reloads.
document.addEventListener("DOMContentLoaded", async () => {
  const retry = document.querySelector("[data-offline-retry]");
  if (retry) {
    retry.addEventListener("click", (event) => {
      event.preventDefault();
      window.location.reload();
    });
  }
  const list = document.querySelector("[data-offline-lessons]");
  const none = document.querySelector("[data-offline-none]");
  if (!list || !("caches" in window)) return;
  const cache = await caches.open("academy-lessons");
  const requests = await cache.keys();
  const parser = new DOMParser();
  for (const request of requests) {
    const response = await cache.match(request);
    if (!response) continue;
    const page = parser.parseFromString(await response.text(), "text/html");
    const heading = page.querySelector("h1");
    const url = new URL(request.url);
    if (url.origin !== window.location.origin) continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = url.pathname;
    link.textContent = (heading && heading.textContent.trim()) || url.pathname;
    item.append(link);
    list.append(item);
  }
  if (none && list.children.length) none.hidden = true;
});
