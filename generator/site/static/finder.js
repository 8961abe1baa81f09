/* Case finder: filters the server-rendered list of practices in place (the rules: selection.js). The state
   lives in the URL so a link can be shared, and "Show on map" carries it to the map. Without JavaScript the
   page simply lists every practice. */
(function () {
  "use strict";
  var form = document.getElementById("finder-form");
  var list = document.getElementById("finder-results");
  var status = document.getElementById("finder-status");
  var toMap = document.getElementById("finder-map");
  var S = window.PortalSelection;
  if (!form || !list || !S) return;
  form.hidden = false;
  var FACETS = S.FACETS;
  var items = Array.prototype.slice.call(list.children).map(S.item);
  var mapHref = toMap ? toMap.getAttribute("href") : "";

  function readState() {
    var state = S.emptyState();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") { if (el.checked) state[el.name].push(el.value); }
      else if (el.name === "q") state.q = el.value.trim();
      else if ((el.name === "from" || el.name === "to") && el.value) state[el.name] = +el.value;
    });
    return state;
  }

  function writeUrl(state) {
    var query = S.toParams(state).toString();
    try { history.replaceState(null, "", query ? "?" + query : location.pathname); } catch (e) { /* file:// may refuse */ }
    if (toMap) toMap.setAttribute("href", mapHref + (query ? "?" + query : ""));
  }

  function update() {
    var state = readState(), shown = 0;
    items.forEach(function (item) {
      var ok = S.matches(item, state);
      item.el.hidden = !ok;
      if (ok) shown++;
    });
    FACETS.forEach(function (f) {
      var counts = {};
      items.forEach(function (item) {
        if (S.matches(item, state, f)) item.facets[f].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      form.querySelectorAll('input[name="' + f + '"]').forEach(function (input) {
        var label = input.closest("label"), n = counts[input.value] || 0;
        label.querySelector(".count").textContent = n;
        label.classList.toggle("empty", n === 0 && !input.checked);
      });
    });
    status.textContent = shown + " " + status.getAttribute(shown === 1 ? "data-one" : "data-many") + " " +
      status.getAttribute("data-of") + " " + items.length;
    writeUrl(state);
  }

  var params = new URLSearchParams(location.search);
  Array.prototype.forEach.call(form.elements, function (el) {
    if (!el.name) return;
    if (el.type === "checkbox") el.checked = params.getAll(el.name).indexOf(el.value) >= 0;
    else if (params.has(el.name)) el.value = params.get(el.name);
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  update();
})();
