/* The transfer plan page, pre-filled from the practice named in the URL (?case=<id>)
   with the data the build wrote into window.PORTAL_PLANS. */
(function () {
  "use strict";
  var data = window.PORTAL_PLANS;
  if (!data) return;
  var id = new URLSearchParams(location.search).get("case");
  var choice = document.getElementById("plan-choice");
  if (choice) {
    choice.hidden = false;
    choice.value = id && data.cases[id] ? id : "";
    choice.addEventListener("change", function () {
      location.search = choice.value ? "?case=" + encodeURIComponent(choice.value) : "";
    });
  }
  var plan = id && data.cases[id];
  var missing = document.getElementById("plan-missing");
  if (id && !plan && missing) {  /* an unknown practice: say so, and offer the list */
    var parts = missing.getAttribute("data-text").split("{all}"), all = document.createElement("a");
    all.href = missing.getAttribute("data-href");
    all.textContent = missing.getAttribute("data-all");
    var say = function (text) { return document.createTextNode(text.split("{id}").join(id)); };
    missing.textContent = "";
    missing.appendChild(say(parts[0]));
    missing.appendChild(all);
    missing.appendChild(say(parts.slice(1).join("{all}")));
    missing.hidden = false;
  }
  if (!plan) return;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function shared(text, href) {  /* a file link; its path (from plan-data.js) says which language site has it */
    var a = el("a", text);
    a.href = data.shared + href;
    a.setAttribute("download", "");
    return a;
  }
  function original(node, field) {  /* an untranslated practice's text is in the original's language */
    if (plan.original && plan.original.indexOf(field) >= 0) node.lang = data.original_lang;
    return node;
  }
  function link(text, href, download) {
    var a = el("a", text);
    a.href = data.base + href;
    if (download) a.setAttribute("download", "");
    return a;
  }
  document.title = data.ui.title + ": " + plan.title + " - " + document.title.split(" - ").slice(1).join(" - ");
  var heading = document.getElementById("plan-title");
  heading.textContent = ": ";
  heading.appendChild(original(el("span", plan.title), "title"));
  var practice = document.getElementById("plan-practice");
  practice.textContent = "";
  practice.appendChild(original(link(plan.title, plan.url), "title"));
  document.getElementById("plan-place").textContent = plan.place;

  var brief = document.getElementById("plan-brief");
  brief.textContent = "";
  brief.appendChild(original(el("p", plan.summary), "summary"));
  if (plan.challenge) {
    var p = el("p"); p.appendChild(el("strong", data.ui.challenge)); p.appendChild(original(el("span", plan.challenge), "challenge"));
    brief.appendChild(p);
  }
  var components = document.getElementById("plan-components");
  components.textContent = "";
  if (plan.components.length) {
    var ul = el("ul", null, "task-list");
    plan.components.forEach(function (c) {
      var li = el("li", null, "task-list-item"), label = el("label"), box = el("input");
      box.type = "checkbox";
      label.appendChild(box);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(original(el("strong", c[0]), "components"));
      if (c[1]) label.appendChild(document.createTextNode(data.ui.transferable));
      li.appendChild(label); ul.appendChild(li);
    });
    components.appendChild(ul);
  } else {
    components.appendChild(el("p", data.ui.no_components));
  }
  if (plan.transferability) {
    var t = el("p"); t.appendChild(el("strong", data.ui.transfer));
    t.appendChild(original(el("span", plan.transferability), "transferability"));
    components.appendChild(t);
  }
  var downloads = document.getElementById("plan-downloads");
  downloads.textContent = "";
  downloads.appendChild(document.createTextNode(data.ui.download));
  downloads.appendChild(shared(data.ui.word, plan.docx));
  downloads.appendChild(document.createTextNode(" · "));
  downloads.appendChild(shared(data.ui.markdown, plan.md));
  if (data.pdf) {
    downloads.appendChild(document.createTextNode(" · "));
    downloads.appendChild(shared(data.ui.pdf, plan.pdf));
  }
  downloads.appendChild(document.createTextNode(data.ui.print));
  var source = document.getElementById("plan-source");
  source.textContent = data.ui.prefilled + " ";
  source.appendChild(original(el("span", plan.title), "title"));
  source.appendChild(document.createTextNode(" (" + id + "), " + data.ui.reviewed + " " + plan.reviewed + ". " +
    data.ui.source + ": " + plan.sources + ". Good Practice Transfer Portal."));
})();
