// Ringback's own script: progressive enhancement only. Every page works without it.
(() => {
  "use strict";

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

  // After a failed submit, move focus to the message that says what to fix.
  document.querySelector("[data-focus]")?.focus();
})();
