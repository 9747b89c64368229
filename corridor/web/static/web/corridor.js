// Behaviour every page shares, bound from data attributes (no inline handlers: the CSP forbids them).
(function () {
  "use strict";
  function bind() {
    // <select data-autosubmit>: choosing an option submits its form (the place-name convention).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
})();
