/* The map (diagrams.py draws it at build time):
   - keeps every marker the same size in CSS pixels at any width (the build sizes them for one width), and
     on a narrow screen spreads them as the build laid them out for a phone, so none overlaps;
   - opened from the finder (map/?theme=...&country=...), shows only the finder's selection (rules:
     selection.js) and says how many are shown, with a way back to all. */
(function () {
  "use strict";
  var maps = Array.prototype.slice.call(document.querySelectorAll("svg.portal-map"));
  if (!maps.length) return;

  function fit() {
    maps.forEach(function (svg) {
      var shown = svg.getBoundingClientRect().width;
      if (!shown) return;
      var k = (+svg.getAttribute("data-width") / shown).toFixed(4);
      var spread = shown < +svg.getAttribute("data-narrow") ? "data-narrow" : "data-wide";
      svg.querySelectorAll(".map-scale").forEach(function (g) { g.setAttribute("transform", "scale(" + k + ")"); });
      svg.querySelectorAll(".map-offset").forEach(function (g) {
        g.setAttribute("transform", "translate(" + g.getAttribute(spread) + ")");
      });
    });
  }
  fit();
  if (window.ResizeObserver) new ResizeObserver(fit).observe(maps[0]);
  else window.addEventListener("resize", fit);

  var S = window.PortalSelection, list = document.getElementById("map-list");
  var status = document.getElementById("map-selection");
  if (!S || !list || !status) return;
  var state = S.fromParams(new URLSearchParams(location.search));
  if (S.isEmpty(state)) return;

  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-id]")).map(S.item);
  var selected = {}, all = {}, shown = 0;
  items.forEach(function (it) {
    if (!(it.id in all)) { all[it.id] = true; if (S.matches(it, state)) { selected[it.id] = true; shown++; } }
  });
  var total = Object.keys(all).length;
  var picked = function (el) {
    return (el.getAttribute("data-cases") || el.getAttribute("data-case") || "").split(" ")
      .filter(function (id) { return selected[id]; });
  };
  var fill = function (template, count) { return template.replace("{count}", count); };

  maps.forEach(function (svg) {
    svg.querySelectorAll("a.marker").forEach(function (a) { a.classList.toggle("is-out", !picked(a).length); });
    svg.querySelectorAll("a.country").forEach(function (a) { a.classList.toggle("is-out", !picked(a).length); });
    svg.querySelectorAll("a.badge").forEach(function (a) {
      var n = picked(a).length, label = fill(a.getAttribute(n === 1 ? "data-one" : "data-many") || "", n);
      a.classList.toggle("is-out", !n);
      var count = a.querySelector("text");
      if (count) count.textContent = a.classList.contains("europe") ? label : n;
      if (label) {
        a.setAttribute("aria-label", label);
        var title = a.querySelector("title");
        if (title) title.textContent = label;
      }
    });
  });
  items.forEach(function (it) { it.el.hidden = !selected[it.id]; });
  list.querySelectorAll(".map-group").forEach(function (group) {
    group.hidden = !group.querySelector("li[data-id]:not([hidden])");
  });
  var text = status.querySelector(".map-selection-count");
  text.textContent = text.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total);
  var back = status.querySelector(".map-selection-finder");
  back.setAttribute("href", back.getAttribute("href") + location.search);
  status.hidden = false;
})();
