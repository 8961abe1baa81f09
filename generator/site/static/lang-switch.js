/* The language switch keeps what the address says beyond the page: the query (a finder's filters, a plan's
   ?case=) and the hash. Each link of the switch (generator/theme/main.html) gets the current query, and the
   current hash unless it has its own (an untranslated practice's note in the language, #lang-es). Done when
   the switch is about to be used, as the finder changes the address as one filters. */
(function () {
  "use strict";
  var links = document.querySelectorAll(".lang-switch a[href]");
  if (!links.length) return;
  var bases = Array.prototype.map.call(links, function (a) { return a.getAttribute("href"); });
  function refresh() {
    Array.prototype.forEach.call(links, function (a, i) {
      var base = bases[i], hash = "", at = base.indexOf("#");
      if (at !== -1) { hash = base.slice(at); base = base.slice(0, at); }
      if (base.indexOf("?") === -1) base += location.search;
      a.setAttribute("href", base + (hash || location.hash));
    });
  }
  refresh();
  var nav = links[0].closest(".lang-switch");
  ["pointerdown", "focusin", "mouseover", "touchstart"].forEach(function (name) {
    nav.addEventListener(name, refresh, { passive: true });
  });
  window.addEventListener("hashchange", refresh);
})();
