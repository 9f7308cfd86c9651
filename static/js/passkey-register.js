// After a passkey is added (django-otp-webauthn's event): on the set-up page the next step
// appears; on the two-factor page the page reloads so the new passkey shows in the list.
(function () {
  var section = document.getElementById("passkey-register");
  if (!section) return;
  section.addEventListener("otp_webauthn.register_complete", function () {
    var next = document.getElementById("passkey-register-done");
    if (!next) {
      window.location.reload();
      return;
    }
    next.hidden = false;
    next.querySelector("a").focus();
  });
})();
