// The copy step before Facebook's and Instagram's own pages: says the composer copied the
// text, or selects it and offers a copy button when the browser did not allow copying.
(function () {
  var source = document.querySelector("[data-copy-source]");
  if (!source) return;
  var done = document.querySelector("[data-copy-done]");
  var needed = document.querySelector("[data-copy-needed]");
  var tools = document.querySelector("[data-copy-tools]");
  var button = document.querySelector("[data-copy-button]");
  var status = document.querySelector("[data-copy-status]");
  var copied = null;
  try {
    copied = sessionStorage.getItem("sharing-copied");
    sessionStorage.removeItem("sharing-copied");
  } catch (e) {}

  function selectText() {
    source.focus();
    source.select();
  }

  if (tools) tools.hidden = false;
  if (copied !== null && copied.trim() === source.value.trim()) {
    if (done) done.hidden = false;
  } else {
    if (needed) needed.hidden = false;
    selectText();
  }

  if (button) {
    button.addEventListener("click", function () {
      function manual() {
        selectText();
        var copiedByCommand = false;
        try { copiedByCommand = document.execCommand("copy"); } catch (e) {}
        status.textContent = copiedByCommand ? status.dataset.copied : status.dataset.manual;
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.value).then(function () {
          status.textContent = status.dataset.copied;
          if (done) done.hidden = false;
          if (needed) needed.hidden = true;
        }, manual);
      } else {
        manual();
      }
    });
  }
})();
