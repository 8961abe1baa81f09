/* "Which practices fit my city?": ranks every practice for the place described in
   the form, with the same rules and data as `python -m generator match`
   (window.PORTAL_MATCH, written at build time from generator/site/data/matching.yaml).
   The profile lives in the URL: ?country=ES&size=small&sector=textiles&theme=digitisation */
(function () {
  "use strict";
  var data = window.PORTAL_MATCH, form = document.getElementById("match-form"), list = document.getElementById("match-results");
  if (!data || !form || !list) return;
  form.hidden = false;
  var rules = data.rules;

  function fill(text, values) {
    Object.keys(values).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  function readProfile() {
    var p = { country: "", size: "", body: "", sectors: [], themes: [] };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") { if (el.checked) p[el.name === "sector" ? "sectors" : "themes"].push(el.value); }
      else if (el.type === "radio") { if (el.checked) p[el.name] = el.value; }
      else if (el.name in p) p[el.name] = el.value;
    });
    return p;
  }

  function score(rec, p) {
    var total = 0, reasons = [], sharedAny = false;
    rules.rules.forEach(function (rule) {
      var id = rule.id, points = rule.points;
      if (id === "sector" || id === "theme") {
        var mine = id === "sector" ? p.sectors : p.themes;
        var shared = rec[id + "s"].filter(function (v) { return mine.indexOf(v) >= 0; });  // the practice's own order
        if (shared.length) {
          sharedAny = true;
          total += points * shared.length;
          reasons.push(fill(shared.length === 1 ? rule.one : rule.many, {
            count: shared.length, values: shared.map(function (v) { return data.labels[id][v]; }).join(", ") }));
        }
      } else if (id === "size" && p.size) {
        if (rec.size === null) reasons.push(rule.unknown);
        else if (rec.size === p.size) { sharedAny = true; total += points; reasons.push(fill(rule.same, { band: rules.sizes[rec.size].label })); }
        else reasons.push(fill(rule.other, { band: rules.sizes[rec.size].label }));
      } else if (id === "country" && p.country) {
        if (p.country === rec.country || rec.countries.indexOf(p.country) >= 0) {
          sharedAny = true; total += points;
          reasons.push(fill(rule.same, { country: data.labels.country[p.country] || p.country }));
        }
      } else if (id === "body" && p.body) {
        if (rules.bodies[p.body].kinds.indexOf(rec.kind) >= 0) {
          sharedAny = true; total += points;
          reasons.push(fill(rule.same, { body: rules.bodies[p.body].label }));
        }
      } else if (id === "transferred" && rec.transferred) {
        total += sharedAny ? points : 0;
        reasons.push(fill(rec.transferred === 1 ? rule.one : rule.many, { count: rec.transferred, networks: rec.networks.join(", ") }));
      } else if (id === "evidence") {
        if (rec.evidence) total += sharedAny ? points : 0;
        else reasons.push(rule.none);
      }
    });
    return { score: total, reasons: reasons };
  }

  function writeUrl(p) {
    var params = new URLSearchParams();
    if (p.country) params.set("country", p.country);
    if (p.size) params.set("size", p.size);
    p.sectors.forEach(function (v) { params.append("sector", v); });
    p.themes.forEach(function (v) { params.append("theme", v); });
    if (p.body) params.set("body", p.body);
    var query = params.toString();
    try { history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash); } catch (e) { /* file:// */ }
  }

  function render() {
    var p = readProfile();
    var ranked = data.cases.map(function (rec, i) { var s = score(rec, p); return { rec: rec, i: i, score: s.score, reasons: s.reasons }; });
    ranked.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    list.textContent = "";
    ranked.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.setAttribute("data-id", r.rec.id);
      li.setAttribute("data-score", r.score);
      a.href = data.base + r.rec.url; a.textContent = r.rec.title;
      if (r.rec.original && r.rec.original.indexOf("title") >= 0) a.lang = data.original_lang;
      li.appendChild(a);
      var points = document.createElement("span");
      points.className = "match-score"; points.textContent = " " + r.score + " " + (r.score === 1 ? data.ui.point : data.ui.points);
      li.appendChild(points);
      if (r.reasons.length) {
        var ul = document.createElement("ul");
        r.reasons.forEach(function (t) { var item = document.createElement("li"); item.textContent = t; ul.appendChild(item); });
        li.appendChild(ul);
      }
      if (r.rec.plan) {
        var plan = document.createElement("a");
        plan.href = data.base + r.rec.plan; plan.className = "match-plan"; plan.textContent = data.ui.plan;
        li.appendChild(plan);
      }
      list.appendChild(li);
    });
    writeUrl(p);
  }

  var params = new URLSearchParams(location.search);
  Array.prototype.forEach.call(form.elements, function (el) {
    if (!el.name) return;
    if (el.type === "checkbox") el.checked = params.getAll(el.name).indexOf(el.value) >= 0;
    else if (el.type === "radio") el.checked = params.get(el.name) === el.value;
    else if (params.has(el.name)) el.value = params.get(el.name);
  });
  form.addEventListener("change", render);
  form.addEventListener("input", render);
  form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
  form.addEventListener("reset", function () { setTimeout(render, 0); });
  render();
})();
