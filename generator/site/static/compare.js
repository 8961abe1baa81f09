/* Side-by-side comparison of two or three practices, from window.PORTAL_COMPARE
   (written at build time). The choice lives in the URL: ?ids=a&ids=b&ids=c. What the address asked
   for and cannot be shown (an unknown id, a fourth practice, one twice) is said in a status line;
   a practice chosen in one list cannot be chosen in another. */
(function () {
  "use strict";
  var data = window.PORTAL_COMPARE, root = document.getElementById("compare");
  if (!data || !root) return;
  var MAX = 3;
  var pickers = root.querySelector(".compare-pickers"), table = root.querySelector(".compare-table");
  root.hidden = false;
  var status = root.querySelector(".compare-status"), notes = [];
  var say = function (name, key, value) { notes.push(status.getAttribute("data-" + name).split("{" + key + "}").join(value)); };
  var ids = [];
  new URLSearchParams(location.search).getAll("ids").forEach(function (id) {
    if (!data.cases[id]) say("unknown", "id", id);
    else if (ids.indexOf(id) >= 0) say("twice", "title", data.cases[id].title);
    else ids.push(id);
  });
  if (ids.length > MAX) { say("too-many", "count", ids.length - MAX); ids = ids.slice(0, MAX); }
  if (notes.length) setTimeout(function () { status.textContent = notes.join(" "); }, 50);  /* after the live region shows */

  function original(el, id, field) {  /* an untranslated practice's text is in the original's language */
    var rec = data.cases[id];
    if (rec && rec.original && rec.original.indexOf(field) >= 0) el.lang = data.original_lang;
    return el;
  }
  function option(id, text) {
    var o = document.createElement("option");
    o.value = id; o.textContent = text;
    return original(o, id, "title");
  }
  var selects = [];
  for (var i = 0; i < MAX; i++) {
    var label = document.createElement("label"), select = document.createElement("select");
    label.textContent = data.ui.practice + " " + (i + 1) + " ";
    select.appendChild(option("", i < 2 ? data.ui.choose : data.ui.third));
    data.order.forEach(function (id) { select.appendChild(option(id, data.cases[id].title)); });
    select.value = ids[i] || "";
    select.addEventListener("change", render);
    label.appendChild(select);
    pickers.appendChild(label);
    selects.push(select);
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    if (Array.isArray(text)) {
      if (text.length) {
        var ul = document.createElement("ul");
        text.forEach(function (t) { var li = document.createElement("li"); li.textContent = t; ul.appendChild(li); });
        el.appendChild(ul);
      } else el.textContent = "–";
    } else el.textContent = text || "–";
    return el;
  }

  function render() {
    var chosen = selects.map(function (s) { return s.value; }).filter(Boolean);
    selects.forEach(function (s) {  /* no practice twice: what another list holds is not offered */
      Array.prototype.forEach.call(s.options, function (o) { o.disabled = !!o.value && o.value !== s.value && chosen.indexOf(o.value) >= 0; });
    });
    var params = new URLSearchParams();
    chosen.forEach(function (id) { params.append("ids", id); });
    try { history.replaceState(null, "", (chosen.length ? "?" + params : location.pathname) + location.hash); } catch (e) { /* file:// */ }
    table.textContent = "";
    if (!chosen.length) return;
    var head = document.createElement("tr");
    head.appendChild(document.createElement("td"));
    chosen.forEach(function (id) {
      var th = document.createElement("th"), a = document.createElement("a");
      th.scope = "col"; a.href = data.base + data.cases[id].url; a.textContent = data.cases[id].title;
      th.appendChild(original(a, id, "title")); head.appendChild(th);
    });
    var thead = document.createElement("thead"); thead.appendChild(head); table.appendChild(thead);
    var tbody = document.createElement("tbody");
    data.fields.forEach(function (field) {
      var tr = document.createElement("tr"), th = cell("th", field[1]);
      th.scope = "row"; tr.appendChild(th);
      chosen.forEach(function (id) { tr.appendChild(original(cell("td", data.cases[id][field[0]]), id, field[0])); });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }
  render();
})();
