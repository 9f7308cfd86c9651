// The service worker of the installable app (served at /sw.js by integrations/webapp, which
// puts `const ACADEMY = {...}` in front: offline page, files, cache version, sign-out paths).
//
// - Keeps the offline page and the files it needs; shows it when a page cannot be reached.
// - Lesson pages (marked by the server with ACADEMY.header) are fetched from the network
//   first and a copy kept, so a lesson opened before can be read offline.
// - Nothing else is kept: no other page, no form answers, no API, no CMS.
// - Signing out (or landing on the sign-in page) forgets the kept lessons, and signing out
//   ends push on the device: a shared device keeps nobody's lessons or notifications.
// - Shows push messages ({title, body, url, tag}) and opens only addresses on this site.
/* global ACADEMY */
"use strict";

const SHELL = `academy-shell-${ACADEMY.version}`;
const LESSONS = "academy-lessons";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      cache.addAll([
        // Without cookies: the kept offline page names nobody.
        new Request(ACADEMY.offline, { credentials: "omit" }),
        ...ACADEMY.files,
      ]),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => name.startsWith("academy-shell-") && name !== SHELL)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

function forgetLessons() {
  return caches.delete(LESSONS);
}

// Signing out also ends push on this device: the next person on a shared device must not
// see the notifications of the one before. The push service then answers the server 410,
// and the server drops the subscription.
function forgetDevice() {
  return self.registration.pushManager
    .getSubscription()
    .then((subscription) => subscription && subscription.unsubscribe())
    .catch(() => undefined);
}

function isSignIn(response) {
  try {
    return response.url && new URL(response.url).pathname.startsWith(ACADEMY.signIn);
  } catch (error) {
    return false;
  }
}

async function navigate(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.headers.get(ACADEMY.header) === "lesson") {
      const copy = response.clone();
      event.waitUntil(caches.open(LESSONS).then((cache) => cache.put(request.url, copy)));
    } else if (isSignIn(response)) {
      event.waitUntil(forgetLessons());
    }
    return response;
  } catch (error) {
    const lessons = await caches.open(LESSONS);
    const kept = await lessons.match(request.url, { ignoreSearch: true });
    if (kept) return kept;
    const shell = await caches.open(SHELL);
    return (await shell.match(ACADEMY.offline)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && ACADEMY.signOut.includes(url.pathname)) {
    event.waitUntil(Promise.all([forgetLessons(), forgetDevice()]));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
    return;
  }
  if (ACADEMY.files.includes(url.pathname)) {
    event.respondWith(
      caches.open(SHELL)
        .then((cache) => cache.match(request))
        .then((hit) => hit || fetch(request)),
    );
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "forget-lessons") event.waitUntil(forgetLessons());
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Ambassador Academy";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === "string" ? data.body : "",
      tag: typeof data.tag === "string" ? data.tag : undefined,
      icon: ACADEMY.icon,
      data: { url: typeof data.url === "string" ? data.url : "/" },
    }),
  );
});

function sameOrigin(address) {
  try {
    const url = new URL(address, self.location.origin);
    return url.origin === self.location.origin ? url.href : null;
  } catch (error) {
    return null;
  }
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = sameOrigin((event.notification.data || {}).url) || self.location.origin + "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
