// Progressive enhancement only: every page works without this file.
// Move focus to a fresh confirmation or error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.querySelector("[data-focus]");
  if (el) { el.focus(); }
});
