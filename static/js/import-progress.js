// Employee import report: while the import is applied in the background, ask the status
// endpoint every two seconds, move the progress bar, and reload for the result when done.
// Without JavaScript the page's "Refresh" link does the same (no meta refresh: the XSS
// corpus counts any as executable markup).
(function () {
  var box = document.querySelector("[data-import-progress]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var done = box.querySelector("[data-import-done]");
  var total = box.querySelector("[data-import-total]");
  var status = document.querySelector("[data-import-status]");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (state.finished) {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.max = state.total;
          bar.value = state.done;
          bar.textContent = state.done + " / " + state.total;
        }
        if (done) done.textContent = state.done;
        if (total) total.textContent = state.total;
        if (status) status.textContent = state.label;
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
