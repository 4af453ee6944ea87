// Staybook's only script. Every page works without it; it adds a print button to the print views
// and the filters of the care-measure overview.
"use strict";

document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

document.querySelectorAll("[data-filter-list]").forEach(function (form) {
  var list = document.getElementById(form.getAttribute("data-filter-list"));
  var status = form.querySelector("[data-filter-status]");
  if (!list) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-item]"));
  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var match = selects.every(function (select) {
        return select.value === "" || item.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    list.querySelectorAll("[data-group]").forEach(function (group) {
      group.hidden = group.querySelector("[data-item]:not([hidden])") === null;
    });
    if (status) status.textContent = "显示 " + shown + " / " + items.length + " 项";
  }
  form.hidden = false;
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
});
