// Opening a ticket: an administrative or financial ticket asks for its subject, a technical one for
// product, routine, version, environment and impact. The questions not asked are hidden and
// disabled (a disabled field is neither validated by the browser nor posted).
(function () {
  "use strict";
  var form = document.querySelector("form.ticket-form[data-cst-kinds]");
  if (!form) return;
  var cstKinds = (form.dataset.cstKinds || "").split(",");

  function show(element, visible) {
    element.hidden = !visible;
    element.querySelectorAll("input, select, textarea").forEach(function (input) {
      input.disabled = !visible;
    });
  }

  function apply() {
    var checked = form.querySelector("input[name=kind]:checked");
    var cst = checked ? cstKinds.indexOf(checked.value) !== -1 : false;
    form.querySelectorAll("[data-ask=technical]").forEach(function (el) { show(el, !cst); });
    form.querySelectorAll("[data-ask=cst]").forEach(function (el) { show(el, cst); });
  }

  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "kind") apply();
  });
  apply();
})();
