/* Case finder: filters the server-rendered list of practices in place (the rules: selection.js). The state
   lives in the URL so a link can be shared, and "Show on map" carries it to the map. Without JavaScript the
   page simply lists every practice. On a phone the filters start folded (results first); a search without
   results says which filter to drop. */
(function () {
  "use strict";
  var form = document.getElementById("finder-form");
  var list = document.getElementById("finder-results");
  var status = document.getElementById("finder-status");
  var toMap = document.getElementById("finder-map");
  var none = document.getElementById("finder-none");
  var S = window.PortalSelection;
  if (!form || !list || !S) return;
  var facets = form.querySelector(".finder-facets");
  form.hidden = false;
  if (facets && window.matchMedia) {  /* folded on a narrow screen; a wide one has no fold (summary hidden) */
    var narrow = matchMedia("(max-width: 60em)");
    facets.open = !narrow.matches;
    narrow.addEventListener("change", function (e) { if (!e.matches) facets.open = true; });
  }
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
    try { history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash); } catch (e) { /* file:// may refuse */ }
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
    var chosen = form.querySelectorAll(".finder-facets input:checked").length + (state.from ? 1 : 0) + (state.to ? 1 : 0);
    if (facets) facets.querySelector(".finder-chosen").textContent = chosen ? "(" + chosen + ")" : "";
    if (none) explain(state, shown);
    status.textContent = shown + " " + status.getAttribute(shown === 1 ? "data-one" : "data-many") + " " +
      status.getAttribute("data-of") + " " + items.length;
    writeUrl(state);
  }

  function clear(names) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (names.indexOf(el.name) < 0) return;
      if (el.type === "checkbox") el.checked = false; else el.value = "";
    });
    update();
    status.focus();
  }

  /* No result: one button per filter in use, saying how many practices would show without it. */
  function explain(state, shown) {
    var loosen = none.querySelector(".finder-loosen");
    loosen.textContent = "";
    none.hidden = shown > 0;
    if (shown > 0) return;
    var used = FACETS.filter(function (f) { return state[f].length; }).map(function (f) { return [f, [f]]; });
    if (state.from || state.to) used.push(["period", ["from", "to"]]);
    if (state.q) used.push(["q", ["q"]]);
    used.forEach(function (use) {
      var n = items.filter(function (item) { return S.matches(item, state, use[0]); }).length;
      var legend = use[0] === "q" ? form.querySelector('label[for="finder-q"]')
        : form.querySelector('[data-facet="' + use[0] + '"] legend');
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = none.getAttribute("data-remove").split("{facet}").join(legend.textContent.trim()) + " (" + n + ")";
      button.addEventListener("click", function () { clear(use[1]); });
      loosen.appendChild(button);
    });
    var all = document.createElement("button");
    all.type = "button";
    all.className = "md-button md-button--primary";
    all.textContent = form.querySelector('button[type="reset"]').textContent;
    all.addEventListener("click", function () { form.reset(); update(); status.focus(); });
    loosen.appendChild(all);
  }

  status.setAttribute("tabindex", "-1");
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
