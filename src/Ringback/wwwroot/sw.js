// Ringback's service worker: it makes Ringback installable and shows a reminder pushed to this device
// (Web Push, RFC 8030; the payload arrives already decrypted) on the lock screen, with two actions: open the contact
// at its log-call form, or snooze five minutes. It caches nothing: every page is live data.
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", event => event.waitUntil(self.clients.claim()));

self.addEventListener("push", event => {
  let reminder;
  try {
    reminder = event.data ? event.data.json() : null;
  } catch {
    reminder = null;
  }
  if (!reminder) {
    reminder = { title: "Ringback reminder", body: "Open Ringback to see it.", url: "/today", tag: "ringback" };
  }
  const actions = [{ action: "open", title: "Open and log the call" }];
  if (reminder.snooze) actions.push({ action: "snooze", title: "Snooze 5 min" });
  event.waitUntil(self.registration.showNotification(reminder.title, {
    body: reminder.body,
    tag: reminder.tag,
    renotify: true,
    requireInteraction: true,
    icon: "/icons/icon-192.png",
    badge: "/icons/maskable-192.png",
    data: reminder,
    actions,
  }));
});

self.addEventListener("notificationclick", event => {
  const reminder = event.notification.data || { url: "/today" };
  event.notification.close();
  if (event.action === "snooze" && reminder.snooze) {
    // The token in the payload is the credential: a locked phone's session may have expired.
    event.waitUntil(fetch("/reminders/snooze", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: reminder.snooze }),
    }));
    return;
  }
  const target = new URL(reminder.url || "/today", self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const same = open.find(c => c.url === target);
    if (same) return same.focus();
    return self.clients.openWindow(target);
  })());
});
