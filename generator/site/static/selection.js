/* The finder's selection, shared by the finder (finder.js) and the map (map.js): which practices match a
   state of the filters, and how that state is written in a page's address
   (?theme=a&theme=b&country=ES&q=...&from=2010&to=2020). Facets combine with AND; values within a facet
   with OR. Each practice is an element carrying the data-* attributes the build writes for it; the text a
   query searches is its own text and what finder-text.js (window.PORTAL_FINDER_TEXT) has for its id. */
(function () {
  "use strict";
  var FACETS = ["theme", "sector", "country", "kind", "network"];
  var TEXT = window.PORTAL_FINDER_TEXT || {};
  var ownText = function (id) { return Object.prototype.hasOwnProperty.call(TEXT, id) ? TEXT[id] : ""; };
  var norm = function (s) { return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };

  function item(el) {
    var facets = {};
    FACETS.forEach(function (f) { facets[f] = (el.getAttribute("data-" + f) || "").split(" ").filter(Boolean); });
    var start = el.getAttribute("data-start") ? +el.getAttribute("data-start") : null;
    var end = el.getAttribute("data-end") ? +el.getAttribute("data-end")
      : (el.hasAttribute("data-ongoing") ? 9999 : start);
    return { el: el, id: el.getAttribute("data-id"), facets: facets, start: start, end: end,
             text: norm(ownText(el.getAttribute("data-id")) + " " + el.textContent) };
  }

  function emptyState() {
    var state = { q: "", from: null, to: null };
    FACETS.forEach(function (f) { state[f] = []; });
    return state;
  }

  function fromParams(params) {
    var state = emptyState();
    FACETS.forEach(function (f) { state[f] = params.getAll(f).filter(Boolean); });
    state.q = (params.get("q") || "").trim();
    if (+params.get("from")) state.from = +params.get("from");
    if (+params.get("to")) state.to = +params.get("to");
    return state;
  }

  function toParams(state) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    FACETS.forEach(function (f) { state[f].forEach(function (v) { params.append(f, v); }); });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    return params;
  }

  function isEmpty(state) {
    return !state.q && !state.from && !state.to && FACETS.every(function (f) { return !state[f].length; });
  }

  /* Whether a practice matches; `skip` leaves one facet out (for the counts beside its values), or the
     text query ("q") or the period ("period"). */
  function matches(it, state, skip) {
    if (state.q && skip !== "q") {
      var words = norm(state.q).split(/\s+/);
      for (var i = 0; i < words.length; i++) if (words[i] && it.text.indexOf(words[i]) < 0) return false;
    }
    for (var j = 0; j < FACETS.length; j++) {
      var f = FACETS[j], chosen = state[f];
      if (f === skip || !chosen.length) continue;
      if (!it.facets[f].some(function (v) { return chosen.indexOf(v) >= 0; })) return false;
    }
    if ((state.from || state.to) && skip !== "period") {
      if (it.start === null) return false;
      if (state.from && it.end < state.from) return false;
      if (state.to && it.start > state.to) return false;
    }
    return true;
  }

  window.PortalSelection = { FACETS: FACETS, item: item, emptyState: emptyState, fromParams: fromParams,
                             toParams: toParams, isEmpty: isEmpty, matches: matches };
})();
