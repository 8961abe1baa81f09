/* Case finder: filters the server-rendered list of practices in place.
   Facets combine with AND; values within a facet with OR. The state lives in
   the URL (?theme=a&theme=b&country=ES&q=...&from=2010&to=2020) so a link can
   be shared. Without JavaScript the page simply lists every practice. On a phone the
   filters start folded (results first); a search without results says which filter to drop. */
(function () {
  "use strict";
  var form = document.getElementById("finder-form");
  var list = document.getElementById("finder-results");
  var status = document.getElementById("finder-status");
  var none = document.getElementById("finder-none");
  if (!form || !list) return;
  var facets = form.querySelector(".finder-facets");
  form.hidden = false;
  if (facets && window.matchMedia) {  /* folded on a narrow screen; a wide one has no fold (summary hidden) */
    var narrow = matchMedia("(max-width: 60em)");
    facets.open = !narrow.matches;
    narrow.addEventListener("change", function (e) { if (!e.matches) facets.open = true; });
  }
  var FACETS = ["theme", "sector", "country", "kind", "network"];
  var norm = function (s) { return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  var items = Array.prototype.slice.call(list.children).map(function (li) {
    var facets = {};
    FACETS.forEach(function (f) { facets[f] = (li.getAttribute("data-" + f) || "").split(" ").filter(Boolean); });
    var start = li.getAttribute("data-start") ? +li.getAttribute("data-start") : null;
    var end = li.getAttribute("data-end") ? +li.getAttribute("data-end")
      : (li.hasAttribute("data-ongoing") ? 9999 : start);
    return { li: li, text: norm(li.getAttribute("data-text") + " " + li.textContent), facets: facets, start: start, end: end };
  });

  function readState() {
    var state = { q: "", from: null, to: null };
    FACETS.forEach(function (f) { state[f] = []; });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") { if (el.checked) state[el.name].push(el.value); }
      else if (el.name === "q") state.q = el.value.trim();
      else if ((el.name === "from" || el.name === "to") && el.value) state[el.name] = +el.value;
    });
    return state;
  }

  function matches(item, state, skip) {
    if (state.q && skip !== "q") {
      var words = norm(state.q).split(/\s+/);
      for (var i = 0; i < words.length; i++) if (words[i] && item.text.indexOf(words[i]) < 0) return false;
    }
    for (var j = 0; j < FACETS.length; j++) {
      var f = FACETS[j], chosen = state[f];
      if (f === skip || !chosen.length) continue;
      if (!item.facets[f].some(function (v) { return chosen.indexOf(v) >= 0; })) return false;
    }
    if ((state.from || state.to) && skip !== "period") {
      if (item.start === null) return false;
      if (state.from && item.end < state.from) return false;
      if (state.to && item.start > state.to) return false;
    }
    return true;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    FACETS.forEach(function (f) { state[f].forEach(function (v) { params.append(f, v); }); });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    var query = params.toString();
    try { history.replaceState(null, "", query ? "?" + query : location.pathname); } catch (e) { /* file:// may refuse */ }
  }

  function update() {
    var state = readState(), shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, state);
      item.li.hidden = !ok;
      if (ok) shown++;
    });
    FACETS.forEach(function (f) {
      var counts = {};
      items.forEach(function (item) {
        if (matches(item, state, f)) item.facets[f].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
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
      var n = items.filter(function (item) { return matches(item, state, use[0]); }).length;
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
