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
  if (!plan) return;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function link(text, href, download) {
    var a = el("a", text);
    a.href = data.base + href;
    if (download) a.setAttribute("download", "");
    return a;
  }
  document.title = "Transfer plan: " + plan.title + " - " + document.title.split(" - ").slice(1).join(" - ");
  document.getElementById("plan-title").textContent = ": " + plan.title;
  var practice = document.getElementById("plan-practice");
  practice.textContent = "";
  practice.appendChild(link(plan.title, plan.url));
  document.getElementById("plan-place").textContent = plan.place;

  var brief = document.getElementById("plan-brief");
  brief.textContent = "";
  brief.appendChild(el("p", plan.summary));
  if (plan.challenge) {
    var p = el("p"); p.appendChild(el("strong", "Challenge it addresses: ")); p.appendChild(document.createTextNode(plan.challenge));
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
      label.appendChild(el("strong", c[0]));
      if (c[1]) label.appendChild(document.createTextNode(" (transferable element)"));
      li.appendChild(label); ul.appendChild(li);
    });
    components.appendChild(ul);
  } else {
    components.appendChild(el("p", "The sources name no separate components; describe what you will take over."));
  }
  if (plan.transferability) {
    var t = el("p"); t.appendChild(el("strong", "What the sources say about transferring it: "));
    t.appendChild(document.createTextNode(plan.transferability));
    components.appendChild(t);
  }
  var downloads = document.getElementById("plan-downloads");
  downloads.textContent = "";
  downloads.appendChild(document.createTextNode("Download this plan as "));
  downloads.appendChild(link("Word (.docx)", plan.docx, true));
  downloads.appendChild(document.createTextNode(" · "));
  downloads.appendChild(link("Markdown", plan.md, true));
  if (data.pdf) {
    downloads.appendChild(document.createTextNode(" · "));
    downloads.appendChild(link("PDF (A4)", plan.pdf, true));
  }
  downloads.appendChild(document.createTextNode(", or print this page: it prints on A4 without the site around it."));
  document.getElementById("plan-source").textContent = "Pre-filled from " + plan.title + " (" + id + "), last reviewed " +
    plan.reviewed + ". Source: " + plan.sources + ". Good Practice Transfer Portal.";
})();
