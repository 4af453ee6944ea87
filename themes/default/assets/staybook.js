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

// A redirect page (m/<id>/, an alias): carry the #heading over, which a meta refresh drops.
(function () {
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  var canonical = document.querySelector('link[rel="canonical"]');
  if (refresh && canonical && location.hash) location.replace(canonical.getAttribute("href") + location.hash);
})();

// Copy buttons: the permanent link of a page, of each heading, of each module in the catalogue.
// navigator.clipboard needs https; an intranet on plain http gets the selection fallback.
function staybookCopy(text, button) {
  function done(ok) {
    var label = button.textContent;
    button.textContent = ok ? "已复制" : "请手动复制";
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    return;
  }
  var field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.appendChild(field);
  field.select();
  var ok = false;
  try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
  document.body.removeChild(field);
  done(ok);
}

(function () {
  // A module's heading is copied as its permanent link; a page without an id as its address.
  var page = document.querySelector("[data-permalink]");
  var base = page ? page.getAttribute("data-permalink") : location.href.split("#")[0];
  if (document.querySelector(".prose")) {
    document.querySelectorAll(".prose h2[id] > .anchor, .prose h3[id] > .anchor").forEach(function (anchor) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link copy-heading";
      button.setAttribute("data-copy", base + "#" + anchor.parentNode.id);
      button.setAttribute("aria-label", "复制本节永久链接");
      button.textContent = "复制链接";
      anchor.parentNode.insertBefore(button, anchor.nextSibling);
    });
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { staybookCopy(button.getAttribute("data-copy"), button); });
  });
})();
