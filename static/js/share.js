// The share composer: the live count (limits and the link's length as the server renders them
// in data attributes), the preview, hashtags that add themselves, the own-words coach (scores
// from the server, never colleagues' texts) and the copy before Facebook's and Instagram's pages.
(function () {
  var field = document.querySelector("textarea[data-limit]");
  if (!field) return;
  var form = field.form;
  var output = document.getElementById("share-count");
  var limit = parseInt(field.dataset.limit, 10);
  var link = parseInt(field.dataset.linkLength, 10) || 0;
  var previews = document.querySelectorAll("[data-preview-text]");

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return values[key]; });
  }

  function count() {
    var used = field.value.trim().length + link;
    var over = used - limit;
    var text = format(field.dataset.countLabel, { used: used, limit: limit });
    if (over > 0) text += ": " + format(field.dataset.overLabel, { over: over });
    output.textContent = text;
    output.classList.toggle("error", over > 0);
  }

  function preview() {
    for (var i = 0; i < previews.length; i++) previews[i].textContent = field.value;
  }

  // Hashtags: text without JavaScript, buttons that add themselves with it.
  var tags = document.querySelectorAll("[data-hashtag]");
  function markTags() {
    for (var i = 0; i < tags.length; i++) {
      var button = tags[i];
      if (button.tagName === "BUTTON") {
        button.setAttribute("aria-pressed", field.value.indexOf(button.dataset.hashtag) >= 0 ? "true" : "false");
      }
    }
  }
  for (var i = 0; i < tags.length; i++) {
    var tag = tags[i];
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hashtag";
    button.dataset.hashtag = tag.dataset.hashtag;
    button.textContent = tag.dataset.hashtag;
    button.addEventListener("click", function (event) {
      var value = event.currentTarget.dataset.hashtag;
      if (field.value.indexOf(value) < 0) {
        field.value = field.value.replace(/\s+$/, "") + (field.value.trim() ? " " : "") + value;
        field.dispatchEvent(new Event("input"));
      }
      field.focus();
    });
    tag.parentNode.replaceChild(button, tag);
    tags[i] = button;
  }
  tags = document.querySelectorAll("[data-hashtag]");

  // The coach: asks the server how alike the text is, a moment after typing stops.
  var coachUrl = form && form.dataset.coachUrl;
  var score = document.querySelector("[data-coach-score]");
  var meter = document.getElementById("coach-alike");
  var advice = document.querySelector("[data-coach-advice]");
  var crowd = document.querySelector("[data-coach-crowd]");
  var timer = null;
  var asked = 0;
  function coach() {
    if (!coachUrl || !window.fetch) return;
    var mine = ++asked;
    var body = new FormData();
    body.append("text", field.value);
    var network = form.querySelector("input[name=network]");
    if (network) body.append("network", network.value);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(coachUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (!data || mine !== asked) return;
      if (score) score.textContent = data.suggestion + "%";
      if (meter) { meter.value = data.suggestion; meter.textContent = data.suggestion + "%"; }
      if (advice) advice.textContent = data.advice;
      if (crowd) crowd.textContent = data.crowd;
      if (data.hints) showHints(data.hints);
    }).catch(function () {});
  }

  // The posting checks' hints, as the coach's answer lists them (text only, never HTML).
  var hintList = document.querySelector("[data-hints]");
  var hintNone = document.querySelector("[data-hints-none]");
  var hintKey = null;
  function showHints(hints) {
    if (!hintList) return;
    var key = JSON.stringify(hints);
    if (key === hintKey) return; // unchanged: say nothing again to a screen reader
    hintKey = key;
    while (hintList.firstChild) hintList.removeChild(hintList.firstChild);
    hints.forEach(function (hint) {
      var item = document.createElement("li");
      item.className = "hint hint-" + (hint.severity === "warning" ? "warning" : "info");
      item.dataset.hint = hint.code;
      var parts = [
        ["hint-label", hint.severity === "warning" ? hintList.dataset.warningLabel : hintList.dataset.infoLabel],
        ["hint-message", hint.message],
        ["hint-detail", hint.detail]
      ];
      parts.forEach(function (part) {
        if (!part[1]) return;
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        item.appendChild(span);
      });
      if (hint.link && /^(\/(?!\/)|https?:\/\/)/.test(hint.link)) {
        var link = document.createElement("a");
        link.className = "hint-link";
        link.href = hint.link;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = hintList.dataset.linkLabel;
        var note = document.createElement("span");
        note.className = "visually-hidden";
        note.textContent = " " + hintList.dataset.newTab;
        link.appendChild(note);
        item.appendChild(link);
      }
      hintList.appendChild(item);
    });
    if (hintNone) hintNone.hidden = hints.length > 0;
  }
  // With the live hints, the button that asks the server to check is not needed.
  var checkText = document.querySelector("[data-check-text]");
  if (checkText && coachUrl && window.fetch) checkText.hidden = true;

  function update() {
    count();
    preview();
    markTags();
    clearTimeout(timer);
    timer = setTimeout(coach, 500);
  }

  // Facebook and Instagram take no text: copy it on the click (a user gesture, as browsers
  // require), then let the form go on; the next page says whether it worked.
  var copier = document.querySelector("[data-copy-before-submit]");
  function copyByCommand(text) {
    // The older way, for browsers (or moments) that refuse the asynchronous clipboard.
    var scratch = document.createElement("textarea");
    scratch.value = text;
    scratch.setAttribute("readonly", "");
    scratch.className = "visually-hidden";
    document.body.appendChild(scratch);
    scratch.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) {}
    document.body.removeChild(scratch);
    return done;
  }
  if (copier && form) {
    copier.addEventListener("click", function (event) {
      var text = field.value.trim();
      var disclosure = form.dataset.disclosure;
      if (disclosure && text.indexOf(disclosure) < 0) text += "\n\n" + disclosure;
      function copied() {
        try { sessionStorage.setItem("sharing-copied", text); } catch (e) {}
      }
      try { sessionStorage.removeItem("sharing-copied"); } catch (e) {}
      if (!(navigator.clipboard && navigator.clipboard.writeText)) {
        if (copyByCommand(text)) copied();
        return; // the form goes on; the next page offers the copy again if this failed
      }
      event.preventDefault();
      function go() {
        if (form.requestSubmit) form.requestSubmit(copier); else form.submit();
      }
      navigator.clipboard.writeText(text).then(function () {
        copied();
        go();
      }, function () {
        if (copyByCommand(text)) copied();
        go();
      });
    });
  }

  field.removeAttribute("maxlength");
  field.addEventListener("input", update);
  count();
  markTags();
})();
