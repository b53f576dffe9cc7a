// Ringback's own script: progressive enhancement only. Every page works without it.
(() => {
  "use strict";

  // A bulk action on "the contacts these filters find" takes the filters as they are now (search as you type changes
  // them without reloading the page), not as the page was loaded.
  for (const bulk of document.querySelectorAll("form[data-filters-from]")) {
    bulk.addEventListener("submit", () => {
      const filters = document.querySelector(bulk.dataset.filtersFrom);
      if (!filters) return;
      for (const hidden of bulk.querySelectorAll("input[type=hidden]")) {
        const field = filters.elements.namedItem(hidden.name);
        if (field && "value" in field) hidden.value = field.value;
      }
    });
  }

  // A field that applies itself when changed (Today's day picker); the form's button does the same without script.
  for (const field of document.querySelectorAll("[data-autosubmit]")) {
    field.addEventListener("change", () => field.form.requestSubmit());
  }

  // Search as you type: fetch just the result rows for the current filters, debounced, newest answer wins.
  const form = document.querySelector("form[data-live-search]");
  if (form) {
    const results = document.getElementById("results");
    let timer = 0;
    let latest = 0;
    const refresh = async () => {
      const params = new URLSearchParams(new FormData(form));
      for (const [key, value] of [...params]) if (!value) params.delete(key);
      const ticket = ++latest;
      const response = await fetch(`/contacts?handler=Rows&${params}`, { headers: { "Accept": "text/html" } });
      if (ticket !== latest || !response.ok) return;
      results.innerHTML = await response.text();
      history.replaceState(null, "", params.size ? `/contacts?${params}` : "/contacts");
    };
    form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 150); });
    form.addEventListener("change", () => { clearTimeout(timer); refresh(); });
    form.addEventListener("submit", event => { event.preventDefault(); refresh(); });
  }

  // The rep's own time beside a time typed in the prospect's zone.
  const logCall = document.querySelector("form[data-rep-time]");
  if (logCall) {
    const input = logCall.querySelector("input[name='Call.PromisedNextCallAt']");
    const hint = document.getElementById("Call-PromisedNextCallAt-hint") || (() => {
      const span = document.createElement("span");
      span.className = "hint";
      span.id = "Call-PromisedNextCallAt-hint";
      input.after(span);
      input.setAttribute("aria-describedby", span.id);
      return span;
    })();
    input.addEventListener("change", async () => {
      const response = await fetch(`${logCall.dataset.repTime}&at=${encodeURIComponent(input.value)}`);
      hint.textContent = response.ok ? await response.text() : "";
    });
  }

  // The voicemail composer and coach: a strategy fills in the message from the records, and the coach
  // reads the message as it is typed. Without script, "Fill in message" posts the form and the page comes back filled.
  const composer = document.querySelector("[data-composer]");
  if (composer) {
    const form = composer.closest("form");
    const base = composer.dataset.composer;
    const strategy = form.querySelector("#Call-Strategy");
    const template = form.querySelector("#Call-TemplateId");
    const note = document.getElementById("Call-Strategy-note");
    const message = form.querySelector("#Call-MessageText");
    const promised = form.querySelector("input[name='Call.PromisedNextCallAt']");
    const coach = document.getElementById("coach");
    let lastComposed = null;
    let coachTimer = 0, composeTimer = 0, coachTicket = 0, composeTicket = 0;
    const post = (handler, accept) =>
      fetch(`${base}?handler=${handler}`, { method: "POST", body: new FormData(form), headers: { "Accept": accept } });
    const refreshCoach = async () => {
      const ticket = ++coachTicket;
      const response = await post("Coach", "text/html");
      if (ticket === coachTicket && response.ok) coach.innerHTML = await response.text();
    };
    const ownWords = () => message.value.trim() !== "" && message.value !== lastComposed;
    const compose = async force => {
      if (!strategy.value) return;
      if (!force && ownWords()) {
        note.textContent = "The message has your own words; press Fill in message to replace them.";
        return;
      }
      const ticket = ++composeTicket;
      const before = message.value;
      const response = await post("Compose", "application/json");
      if (ticket !== composeTicket || !response.ok) return;
      const result = await response.json();
      note.textContent = [result.error, result.warning, result.shortened, ...result.missing].filter(Boolean).join(" ");
      // Whatever the rep typed while the request was out is theirs: never overwrite it.
      if (result.text && (force || message.value === before)) {
        message.value = lastComposed = result.text;
        refreshCoach();
      }
    };
    const showTemplates = () => {
      for (const option of template.options) if (option.value) option.hidden = option.dataset.strategy !== strategy.value;
      if (template.selectedOptions[0]?.hidden) template.value = "";
    };
    showTemplates();
    strategy.addEventListener("change", () => {
      showTemplates();
      note.textContent = strategy.selectedOptions[0]?.dataset.note || "";
      compose(false);
    });
    template.addEventListener("change", () => compose(false));
    for (const input of [form.querySelector("#Call-Reason"), form.querySelector("#Call-Benefit")]) {
      input.addEventListener("input", () => { clearTimeout(composeTimer); composeTimer = setTimeout(() => compose(false), 300); });
    }
    promised?.addEventListener("change", () => compose(false));
    form.querySelector("[data-compose]").addEventListener("click", event => { event.preventDefault(); compose(true); });
    message.addEventListener("input", () => { clearTimeout(coachTimer); coachTimer = setTimeout(refreshCoach, 250); });

    const practice = form.querySelector("[data-practice]");
    if (practice) {
      const audio = form.querySelector(".practice audio");
      const length = form.querySelector("[data-practice-length]");
      practice.addEventListener("click", async () => {
        length.textContent = "Rendering…";
        const response = await post("Practice", "audio/wav");
        if (!response.ok) { length.textContent = await response.text(); return; }
        const seconds = response.headers.get("X-Audio-Seconds");
        if (audio.src) URL.revokeObjectURL(audio.src);
        audio.src = URL.createObjectURL(await response.blob());
        audio.hidden = false;
        length.textContent = `Plays for ${seconds} s (the coach estimated ${response.headers.get("X-Estimated-Seconds")} s)`;
        audio.play().catch(() => {});
      });
    }
  }

  // Practice takes: the microphone through MediaRecorder. On the Practice page a recording fills the form's
  // file input and the form is posted, so recording and uploading reach the server the same way; on a contact's page
  // the take of the message being typed is sent with the script and its figures shown beside the message.
  const canRecord = !!(navigator.mediaDevices?.getUserMedia && window.MediaRecorder);
  const takeLimitSeconds = 180;
  const startRecording = async (status, onDone) => {
    // The voice as the microphone hears it: the browser's gain control, noise suppression and echo cancellation
    // would hide the very things a take is measured for (a quiet voice, a noisy room).
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { autoGainControl: false, noiseSuppression: false, echoCancellation: false } });
    const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"].find(t => MediaRecorder.isTypeSupported(t)) || "";
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks = [];
    const started = Date.now();
    const tick = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      status.textContent = `Recording… ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      if (seconds >= takeLimitSeconds) recorder.stop();
    }, 250);
    recorder.addEventListener("dataavailable", e => { if (e.data.size) chunks.push(e.data); });
    recorder.addEventListener("stop", () => {
      clearInterval(tick);
      stream.getTracks().forEach(t => t.stop());
      const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      const extension = blob.type.includes("ogg") ? "ogg" : blob.type.includes("mp4") ? "m4a" : "webm";
      onDone(new File([blob], `take.${extension}`, { type: blob.type }));
    });
    recorder.start(250);
    status.textContent = "Recording… 0:00";
    return recorder;
  };
  const recordButtons = (record, stop, status, onDone) => {
    let recorder = null;
    record.addEventListener("click", async () => {
      try {
        recorder = await startRecording(status, file => { record.disabled = false; stop.disabled = true; onDone(file); });
        record.disabled = true;
        stop.disabled = false;
      } catch (e) {
        status.textContent = `The microphone could not be used (${e.name || e}): allow it in the browser, or choose a recording below.`;
      }
    });
    stop.addEventListener("click", () => { if (recorder?.state === "recording") { status.textContent = "Analysing…"; recorder.stop(); } });
  };

  const practiceForm = document.querySelector("[data-recorder]");
  if (practiceForm) {
    const controls = practiceForm.querySelector("[data-record-controls]");
    const status = practiceForm.querySelector("[data-record-status]");
    const input = practiceForm.querySelector("input[type=file]");
    practiceForm.addEventListener("submit", () => {
      practiceForm.querySelector("[data-analyse]").disabled = true;
      status.textContent = "Analysing…";
    });
    if (canRecord) {
      controls.hidden = false;
      recordButtons(controls.querySelector("[data-record]"), controls.querySelector("[data-stop]"), status, file => {
        const files = new DataTransfer();
        files.items.add(file);
        input.files = files.files;
        status.textContent = "Analysing…";
        practiceForm.requestSubmit();
      });
    }
  }

  const takeButton = document.querySelector("[data-take]");
  if (takeButton && canRecord) {
    const form = takeButton.closest("form");
    const area = takeButton.closest(".take-recorder");
    const stop = area.querySelector("[data-take-stop]");
    const status = area.querySelector("[data-take-status]");
    const result = area.querySelector("[data-take-result]");
    area.hidden = false;
    recordButtons(takeButton, stop, status, async file => {
      const body = new FormData();
      body.append("audio", file);
      body.append("Text", form.querySelector("#Call-MessageText").value);
      body.append("Strategy", form.querySelector("#Call-Strategy")?.value || "");
      body.append("contact", takeButton.dataset.take);
      body.append("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
      const response = await fetch("/practice?handler=Take", { method: "POST", body, headers: { "Accept": "application/json" } });
      const answer = await response.json().catch(() => ({ errors: [`The server answered ${response.status}.`] }));
      result.replaceChildren();
      if (!response.ok) { status.textContent = answer.errors.join(" "); return; }
      const t = answer.take;
      const figure = (v, unit) => v == null ? "—" : `${Math.round(v * 10) / 10} ${unit}`;
      status.textContent = `${figure(t.loudnessLufs, "LUFS")} · ${figure(t.snrDb, "dB over the room")} · ${figure(t.medianPitchHz, "Hz")} · ${figure(t.wordsPerMinute, "words a minute")}`;
      for (const f of t.findings) {
        const item = document.createElement("li");
        item.className = `finding finding-${f.severity}`;
        item.dataset.rule = f.rule;
        for (const [cls, text] of [["severity", { error: "Fix", warning: "Check" }[f.severity] || "Tip"], ["", f.message], ["tip", f.tip]]) {
          const span = document.createElement("span");
          if (cls) span.className = cls;
          span.textContent = text;
          item.append(span);
        }
        result.append(item);
      }
      const link = document.createElement("a");
      link.href = answer.url;
      link.textContent = "Hear it through a phone line and compare takes";
      const more = document.createElement("li");
      more.append(link);
      result.append(more);
    });
  }

  // The import progress bar follows the job until it is done, then shows the server's summary.
  const progress = document.getElementById("import-progress");
  if (progress && progress.dataset.done !== "true") {
    const poll = async () => {
      const response = await fetch(progress.dataset.status);
      if (!response.ok) return;
      const status = await response.json();
      progress.value = status.fraction;
      progress.textContent = `${Math.round(status.fraction * 100)}%`;
      if (status.done) location.reload(); else setTimeout(poll, 400);
    };
    poll();
  }

  // The main menu folds on a phone: the button opens it.
  document.documentElement.classList.add("js");
  const toggle = document.querySelector(".menu-toggle");
  const nav = document.getElementById("main-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }

  // A form that cannot be taken back asks first.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", event => { if (!confirm(form.dataset.confirm)) event.preventDefault(); });
  }

  // A one-click action sends once: the button is disabled as the form goes (the server also logs it once).
  for (const form of document.querySelectorAll("form[data-once]")) {
    form.addEventListener("submit", () => {
      setTimeout(() => form.querySelectorAll("button").forEach(b => { b.disabled = true; }), 0);
    });
  }

  // After a failed submit, move focus to the message that says what to fix.
  document.querySelector("[data-focus]")?.focus();
  // Reminders: every open page asks every 15 seconds for reminders sent and not yet closed, and shows
  // each with the number to dial and one click to the contact's log-call form.
  const reminders = document.getElementById("reminders");
  if (reminders) {
    const token = () => document.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";
    const seen = id => fetch(`/reminders/live?handler=Seen&id=${encodeURIComponent(id)}`, {
      method: "POST", headers: { "Accept": "application/json", "RequestVerificationToken": token() },
    });
    const render = list => {
      reminders.replaceChildren(...list.map(r => {
        const card = document.createElement("div");
        card.className = "reminder";
        card.setAttribute("role", "alert");
        card.dataset.id = r.id;
        const title = document.createElement("strong");
        title.textContent = r.title;
        const text = document.createElement("p");
        text.textContent = r.text;
        const actions = document.createElement("div");
        actions.className = "actions";
        const open = document.createElement("a");
        open.href = r.open;
        open.className = "button";
        open.textContent = "Open and log the call";
        open.addEventListener("click", () => { seen(r.id); });
        actions.append(open);
        if (r.tel) {
          const dial = document.createElement("a");
          dial.href = r.tel;
          dial.textContent = `Dial ${r.tel.slice(4)}`;
          actions.append(dial);
        }
        const close = document.createElement("button");
        close.type = "button";
        close.className = "link";
        close.textContent = "Dismiss";
        close.addEventListener("click", async () => { card.remove(); reminders.hidden = !reminders.children.length; await seen(r.id); });
        actions.append(close);
        card.append(title, text, actions);
        return card;
      }));
      reminders.hidden = list.length === 0;
    };
    const poll = async () => {
      try {
        const response = await fetch(reminders.dataset.reminders, { headers: { "Accept": "application/json" } });
        if (response.ok) render(await response.json());
      } catch { /* offline for a moment: the next poll tries again */ }
    };
    poll();
    setInterval(poll, 15000);
  }

  // The service worker makes Ringback installable and shows pushed reminders on the lock screen.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* no service worker over plain http off localhost */ });
  }

  // Settings: "Turn on reminders on this device" asks the browser for a push subscription made for this server's
  // VAPID key and hands it to Ringback; the page then lists the device.
  const subscribe = document.querySelector("[data-push-subscribe]");
  const status = document.querySelector("[data-push-status]");
  if (subscribe && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window) {
    subscribe.hidden = false;
    const key = Uint8Array.from(atob(subscribe.dataset.key.replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));
    subscribe.addEventListener("click", async () => {
      subscribe.disabled = true;
      try {
        if (await Notification.requestPermission() !== "granted") {
          status.textContent = "Notifications are blocked for Ringback in this browser: allow them in the browser's site settings, then try again.";
          return;
        }
        const registration = await navigator.serviceWorker.ready;
        const subscription = await registration.pushManager.getSubscription()
          ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        const response = await fetch("/settings?handler=Subscribe", {
          method: "POST",
          headers: { "Content-Type": "application/json", "RequestVerificationToken": document.querySelector("input[name='__RequestVerificationToken']")?.value ?? "" },
          body: JSON.stringify(subscription.toJSON()),
        });
        if (!response.ok) throw new Error((await response.json()).title);
        location.reload();
      } catch (e) {
        status.textContent = `This browser could not turn on push reminders: ${e.message}`;
      } finally {
        subscribe.disabled = false;
      }
    });
  } else if (subscribe && status) {
    status.textContent = "This browser cannot take push reminders; the in-page banner and email still reach you.";
  }
})();
