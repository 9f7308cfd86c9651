// Content library editor: live length of each suggested text against its network's limit
// (X counts the link as 23 characters; the tracked link is added when sharing).
(function () {
  var LIMITS = { linkedin: 3000, x: 280, facebook: 63206, instagram: 2200 };
  function attach(textarea) {
    if (textarea.dataset.lengthChecked) return;
    textarea.dataset.lengthChecked = "1";
    var prefix = textarea.name.replace(/-text$/, "");
    var select = document.querySelector('select[name="' + prefix + '-network"]');
    var note = document.createElement("p");
    note.className = "help";
    note.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", note);
    function update() {
      var network = select ? select.value : "linkedin";
      var limit = LIMITS[network] || 3000;
      var used = textarea.value.length + (network === "x" ? 24 : 34);
      note.textContent = used + " / " + limit + (used > limit ? "  ✗" : "");
      note.style.color = used > limit ? "#a4262c" : "";
    }
    textarea.addEventListener("input", update);
    if (select) select.addEventListener("change", update);
    update();
  }
  function scan() {
    document.querySelectorAll('textarea[name^="variants-"][name$="-text"]').forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("w-formset:added", scan);
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
})();
