// Mentor desk: choosing a canned response puts its text in the message box.
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.getElementById("canned");
  if (!picker) return;
  const target = document.getElementById(picker.dataset.target);
  picker.addEventListener("change", () => {
    if (picker.value && target) {
      target.value = target.value ? `${target.value}\n\n${picker.value}` : picker.value;
      target.focus();
    }
  });
});
