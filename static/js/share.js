// Live length check of the share text against the network's limit (X counts the link as 23).
(function () {
  var field = document.querySelector("textarea[data-limit]");
  var output = document.getElementById("share-count");
  if (!field || !output) return;
  var limit = parseInt(field.dataset.limit, 10);
  var link = field.dataset.network === "x" ? 24 : 34;
  var lang = document.documentElement.lang;
  function update() {
    var used = field.value.length + link;
    var left = limit - used;
    output.textContent = lang === "nl"
      ? used + " van " + limit + " tekens (met de link)" + (left < 0 ? ": " + -left + " te veel" : "")
      : used + " of " + limit + " characters (with the link)" + (left < 0 ? ": " + -left + " too many" : "");
    output.classList.toggle("error", left < 0);
  }
  field.removeAttribute("maxlength");
  field.addEventListener("input", update);
  update();
})();
