/* Contribution form: a page of the portal written from its own schemas.

   The form is drawn by react-jsonschema-form from the schema the build bundled
   (assets/contribute-data.js, window.PORTAL_CONTRIBUTE); what an author types is
   checked by @cfworker/json-schema against the same rules `generator check` uses,
   and each problem is worded from the checker's own table of messages
   (generator/content/messages.py), next to its field. The file it gives is the
   YAML front matter in the schema's order, written by the `yaml` library, and the
   Markdown body. The draft lives in localStorage. Libraries: assets/vendor/
   contribute-vendor.js (window.PortalFormKit). No user text is ever put into
   the page as HTML: React writes it as text. */
(function () {
  "use strict";
  var DATA = window.PORTAL_CONTRIBUTE, KIT = window.PortalFormKit;
  var box = document.getElementById("contribute-app");
  if (!DATA || !KIT || !box) return;
  var h = KIT.React.createElement, W = DATA.words, UI = W.ui, YAML = KIT.YAML;
  var STORE = "portal-contribute:", LAST = STORE + "last", HINT = "\u001f";
  var el = function (id) { return document.getElementById(id); };
  var status = el("contribute-status"), summary = el("contribute-summary"), output = el("contribute-file");
  var kindSelect = el("contribute-kind");

  // --- words ------------------------------------------------------------------------

  function say(key, values) {
    return (W.messages[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }
  function ui(key, values) {
    return (UI[key] || key).replace(/%\((\w+)\)s/g, function (all, name) { return values ? String(values[name]) : all; });
  }
  function pyRepr(value) {  // a value as Python's repr() writes it, for messages worded like the command line's
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "string") return value.indexOf("'") >= 0 && value.indexOf('"') < 0 ? '"' + value + '"' : "'" + value + "'";
    if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
    if (typeof value === "object") return "{" + Object.keys(value).map(function (k) { return pyRepr(k) + ": " + pyRepr(value[k]); }).join(", ") + "}";
    return String(value);
  }
  function shown(value) {  // generator.content.messages.shown
    var text = Array.from(typeof value === "string" ? '"' + value + '"' : pyRepr(value));
    return text.length <= W.shown ? text.join("") : text.slice(0, W.shown - 3).join("") + '..."';
  }
  function fieldName(path) {  // generator.content.load.field_name
    return path.reduce(function (out, part) {
      return out + (typeof part === "number" ? "[" + part + "]" : (out ? "." : "") + part);
    }, "");
  }

  // --- schemas ------------------------------------------------------------------------

  function pointer(doc, location) {  // "#/properties/id/allOf/0/pattern" -> [value, parts]
    var parts = location.replace(/^#\/?/, "").split("/").filter(function (p, i, all) { return p !== "" || all.length > 1; })
      .map(function (p) { return decodeURI(p).replace(/~1/g, "/").replace(/~0/g, "~"); });
    if (location === "#" || location === "#/") parts = [];
    var node = doc;
    for (var i = 0; i < parts.length; i++) node = node == null ? undefined : node[parts[i]];
    return [node, parts];
  }
  function target(prop) { return prop && prop["x-ref"] ? prop.allOf[0] : prop || {}; }  // SchemaSet.resolve
  function flat(node) {  // generator.content.schemas.flattened, for one node
    if (!node || !node["x-ref"]) return node || {};
    var out = Object.assign({}, flat(node.allOf[0]));
    Object.keys(node).forEach(function (k) { if (k !== "allOf" && k !== "x-ref") out[k] = node[k]; });
    return out;
  }
  function property(schema, name) { return ((flat(schema).properties) || {})[name]; }

  // --- problems, worded as generator/content/validate.py words them ---------------------

  var YAML11_BOOLEANS = ["yes", "no", "on", "off", "y", "n"];

  function explain(keyword, value, limit, schema, path) {
    if (keyword === "required") {
      var missing = limit.filter(function (name) { return value && typeof value === "object" && !(name in value); });
      return missing.map(function (name) {
        var prop = target(((schema.properties) || {})[name]);
        return [path.concat([name]), say("required", {name: name}), prop.description || say("required.hint")];
      });
    }
    if (keyword === "additionalProperties") {
      var allowed = Object.keys(schema.properties || {});
      return Object.keys(value).filter(function (k) { return allowed.indexOf(k) < 0; }).map(function (extra) {
        return [path.concat([extra]), say("additionalProperties", {name: extra}),
          say("additionalProperties.hint", {allowed: allowed.join(", ")})];
      });
    }
    if (keyword === "type") {
      var wanted = Array.isArray(limit) ? limit : [limit], hint = null;
      var words = wanted.map(function (w) { return W.types[w] || w; }).join(" or ");
      if (value !== null && typeof value === "object") {  // a list or a group: said in words, never printed
        var name = typeof path[path.length - 1] === "string" ? path[path.length - 1] : "field";
        return [[path, say("type.group", {words: words, given: Array.isArray(value) ? "a list" : "a group of fields"}),
                 wanted.indexOf("array") >= 0 ? say("type.group.list.hint") : say("type.group.text.hint", {name: name})]];
      }
      if (wanted.indexOf("boolean") >= 0 && typeof value === "string" && YAML11_BOOLEANS.indexOf(value.toLowerCase()) >= 0) {
        hint = say("type.boolean.hint", {text: value});
      } else if (wanted.indexOf("integer") >= 0 && typeof value === "string" && /^\d+$/.test(value.trim())) {
        hint = say("type.quoted_number.hint");
      } else if (wanted.indexOf("string") >= 0 && (typeof value === "number" || typeof value === "boolean")) {
        hint = say("type.needs_quotes.hint");
      } else if (value === null) {
        hint = say("type.empty.hint");
      }
      return [[path, say("type", {value: shown(value), words: words}), hint]];
    }
    if (keyword === "enum") return [[path, say("enum", {value: shown(value), options: limit.map(String).join(", ")}), null]];
    if (keyword === "const") return [[path, say("const", {expected: limit}), null]];
    if (keyword === "anyOf") {
      if (limit.length && limit.every(function (alt) { return "const" in alt; })) {
        var options = limit.map(function (alt) { return alt["const"]; });
        return [[path, say("vocabulary", {value: shown(value), name: (schema.title || "value").toLowerCase()}),
          say("vocabulary.hint", {options: options.join(", ")})]];
      }
      var last = path[path.length - 1];
      if ((path.length && String(last).indexOf("source") >= 0) || (path.length >= 2 && path[path.length - 2] === "sources")) {
        return [[path, say("source"), say("source.hint")]];
      }
      return [[path, say("anyOf"), null]];
    }
    if (keyword === "pattern") {
      var end = path[path.length - 1];
      if (path.length && (end === "country" || (path.length >= 2 && path[path.length - 2] === "countries"))) return [];
      return [[path, say("pattern", {value: shown(value)}), schema.description || null]];
    }
    var length = typeof value === "string" ? Array.from(value).length : 0;
    if (keyword === "minLength") return [[path, say("minLength", {length: length, limit: limit}), null]];
    if (keyword === "maxLength") return [[path, say("maxLength", {length: length, limit: limit}), say("maxLength.hint")]];
    if (keyword === "minItems") return [[path, say(limit === 1 ? "minItems.one" : "minItems.many", {limit: limit}), null]];
    if (keyword === "uniqueItems") return [[path, say("uniqueItems"), say("uniqueItems.hint")]];
    if (keyword === "minimum") return [[path, say("minimum", {value: shown(value), limit: limit}), null]];
    if (keyword === "maximum") return [[path, say("maximum", {value: shown(value), limit: limit}), null]];
    if (keyword === "format") {
      return [[path, say("format", {value: shown(value), format: limit}), limit === "date" ? say("format.date.hint") : null]];
    }
    return [];  // properties, items, allOf, if: the nested problem that caused them is reported on its own
  }

  var validators = {};

  function schemaProblems(kind, front) {
    var rules = DATA.kinds[kind].rules;
    validators[kind] = validators[kind] || new KIT.Validator(rules, "2020-12", false);
    var out = [];
    validators[kind].validate(front).errors.forEach(function (error) {
      if (/\/anyOf\/\d+\//.test(error.keywordLocation)) return;  // inside one alternative: the anyOf says it
      var keywordAt = pointer(rules, error.keywordLocation), parts = keywordAt[1];
      var schema = pointer(rules, "#/" + parts.slice(0, -1).join("/"))[0] || {};
      var instance = pointer(front, error.instanceLocation), node = front;
      var path = instance[1].map(function (part) {  // list positions as numbers, as the checker's paths have them
        var key = Array.isArray(node) ? +part : part;
        node = node == null ? undefined : node[key];
        return key;
      });
      var keyword = parts[parts.length - 1], rank = Object.keys(schema).indexOf(keyword);
      explain(keyword, instance[0], keywordAt[0], schema, path).forEach(function (p) { out.push([p, rank]); });
    });
    // One mistake, one message: the first word of the schema on each field, in the schema's own order of
    // keywords, as jsonschema gives it (validate._one_per_field); missing fields are each their own.
    var best = {};  // field -> the position of its first word
    out.forEach(function (entry, i) {
      var key = fieldName(entry[0][0]);
      if (!(key in best) || entry[1] < out[best[key]][1]) best[key] = i;
    });
    return out.filter(function (entry, i) { return best[fieldName(entry[0][0])] === i; })
      .map(function (entry) { return entry[0]; });
  }

  function countryProblems(front) {  // validate._check_countries
    var found = [], known = DATA.countries;
    function check(path, code) {
      if (typeof code !== "string" || (code.length === 2 && code === code.toUpperCase() && known.indexOf(code) >= 0)) return;
      found.push([path, say("country", {value: shown(code)}), say("country.hint")]);
    }
    var place = front.place;
    if (place && typeof place === "object" && !Array.isArray(place)) {
      if ("country" in place) check(["place", "country"], place.country);
      if (Array.isArray(place.countries)) place.countries.forEach(function (c, i) { check(["place", "countries", i], c); });
    }
    if (Array.isArray(front.members)) front.members.forEach(function (m, i) {
      if (m && typeof m === "object" && "country" in m) check(["members", i, "country"], m.country);
    });
    return found;
  }

  function strings(value, path, out) {  // safety.strings: every text with its path
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) value.forEach(function (v, i) { strings(v, path.concat([i]), out); });
    else if (value && typeof value === "object") Object.keys(value).forEach(function (k) { strings(value[k], path.concat([k]), out); });
    return out;
  }

  /** Every problem of a page's front matter: [{path, field, message, hint}], as `generator check` reports it. */
  function problems(kind, front) {
    var held = strings(front, [], []).filter(function (entry) {
      return W.placeholders.some(function (p) { return entry[1].indexOf(p) >= 0; });
    }).map(function (entry) { return [entry[0], say("placeholder"), say("placeholder.hint")]; });
    var unfilled = held.map(function (p) { return fieldName(p[0]); });
    var all = schemaProblems(kind, front).filter(function (p) { return unfilled.indexOf(fieldName(p[0])) < 0; })
      .concat(countryProblems(front), held);
    var seen = {};
    return all.filter(function (p) {
      var key = fieldName(p[0]) + "\n" + p[1];
      if (seen[key]) return false;
      return (seen[key] = true);
    }).map(function (p) { return {path: p[0], field: fieldName(p[0]) || null, message: p[1], hint: p[2]}; });
  }

  // --- the file -------------------------------------------------------------------------

  function empty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  }

  /** The front matter as the repository keeps it: empty fields left out, keys in the schema's order,
      and a number typed into a field that takes a number or a text written as the number. */
  function tidy(value, schema) {
    schema = flat(schema);
    if (Array.isArray(value)) {
      return value.map(function (v) { return tidy(v, schema.items); }).filter(function (v) { return !empty(v); });
    }
    if (value && typeof value === "object") {
      var out = {}, known = Object.keys(schema.properties || {});
      known.concat(Object.keys(value).filter(function (k) { return known.indexOf(k) < 0; })).forEach(function (key) {
        if (!(key in value)) return;
        var v = tidy(value[key], (schema.properties || {})[key]);
        if (!empty(v)) out[key] = v;
      });
      return out;
    }
    if (typeof value === "string") {
      var types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (types.indexOf("number") >= 0 && types.indexOf("string") >= 0 && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      return value.trim() === "" ? undefined : value;
    }
    return value;
  }

  var FLOW_WIDTH = 72, FOLD = 60;

  function yamlText(front) {
    var doc = new YAML.Document(front, {version: "1.2"});
    YAML.visit(doc, {
      Seq: function (_, node) {
        var scalars = node.items.every(function (i) { return YAML.isScalar(i); });
        var width = node.items.reduce(function (n, i) { return n + String(i.value).length + 2; }, 0);
        if (scalars && width <= FLOW_WIDTH && node.items.every(function (i) { return typeof i.value !== "string" || i.value.length < FOLD; })) node.flow = true;
      },
      Map: function (_, node) {
        if (node.items.length && node.items.every(function (p) { return YAML.isScalar(p.value) && typeof p.value.value === "number"; })) node.flow = true;
      },
      Scalar: function (_, node) {
        var v = node.value;
        if (typeof v !== "string") return;
        if (/^(y|n|yes|no|on|off)$/i.test(v) || /^\d+(:\d+)+$/.test(v) || /[\t\x00-\x08\x0b-\x1f\x7f\u2028\u2029]/.test(v)) {
          node.type = YAML.Scalar.QUOTE_DOUBLE;  // what YAML 1.1 readers would misread, and invisible characters
        } else if (v.indexOf("\n") >= 0) {
          node.type = YAML.Scalar.BLOCK_LITERAL;
        } else if (v.length > FOLD) {
          node.type = YAML.Scalar.BLOCK_FOLDED;
        }
      },
    });
    return doc.toString({lineWidth: 80, minContentWidth: 0, flowCollectionPadding: false});
  }

  function fileText(kind, data) {
    var front = frontMatter(kind, data), body = (data[DATA_BODY] || "").replace(/\r\n?/g, "\n").replace(/^\n+/, "").replace(/\s+$/, "");
    return "---\n" + yamlText(front) + "---\n" + (body ? "\n" + body + "\n" : "");
  }

  var DATA_BODY = "body";

  function frontMatter(kind, data) {
    var front = Object.assign({}, data);
    delete front[DATA_BODY];
    return tidy(front, DATA.kinds[kind].rules) || {};
  }

  function filePath(kind, front) {
    var id = typeof front.id === "string" && front.id ? front.id : "new-page";
    return "content/" + DATA.kinds[kind].folder + "/" + id + ".md";
  }

  /** A page's Markdown file -> {front, body}; throws an Error whose message says why it cannot be read. */
  function readFile(text) {
    text = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
    var match = /^---\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(text);
    if (!match) throw new Error(ui("not_a_page"));
    var doc = YAML.parseDocument(match[1] || "", {version: "1.2", schema: "core", uniqueKeys: true});
    if (doc.errors.length) throw new Error(doc.errors[0].message.split("\n")[0]);
    var front = doc.toJS();
    if (!front || typeof front !== "object" || Array.isArray(front)) throw new Error(ui("not_a_page"));
    return {front: front, body: text.slice(match[0].length).replace(/^\n+/, "")};
  }

  function kindOf(front, folder) {
    if (folder === "networks" || (!folder && "members" in front)) return "network";
    if (folder === "guides" || (!folder && front.type === "guide")) return DATA.kinds.guide && front.type === "guide" ? "guide" : null;
    return "case";
  }

  // --- the form -------------------------------------------------------------------------

  var state = {kind: kindSelect.value, data: {}, source: null, touched: {}, all: false, dirty: false, key: null};

  function idOf(path) { return ["root"].concat(path).join("_"); }

  function shownIn(form, path) {  // whether the form draws a field at `path` (so its problem can stand beside it)
    var node = form;
    for (var i = 0; i < path.length; i++) {
      if (!node) return false;
      node = typeof path[i] === "number" ? node.items : (node.properties || {})[path[i]];
    }
    return !!node;
  }

  function visible(problem) {
    if (state.all) return true;
    var id = idOf(problem.path);
    return Object.keys(state.touched).some(function (t) { return t === id || t.indexOf(id + "_") === 0; });
  }

  function errorSchema(list, form) {
    var tree = {};
    list.forEach(function (p) {
      if (!visible(p) || !shownIn(form, p.path)) return;
      var node = tree;
      p.path.forEach(function (part) { node = node[part] = node[part] || {}; });
      (node.__errors = node.__errors || []).push(p.message + (p.hint ? HINT + p.hint : ""));
    });
    return tree;
  }

  function FieldErrorTemplate(props) {
    var errors = (props.errors || []).filter(Boolean);
    if (!errors.length) return null;
    return h("div", {id: KIT.rjsf.errorId(props.fieldPathId), className: "contribute-problems"}, errors.map(function (text, i) {
      var parts = String(text).split(HINT);
      return h("p", {key: i, className: "contribute-problem"}, h("strong", null, parts[0]),
        parts[1] ? h("span", {className: "contribute-hint"}, ui("hint") + " " + parts[1]) : null);
    }));
  }

  var TS = KIT.rjsf.TranslatableString, BUTTON_WORDS = {};
  BUTTON_WORDS[TS.AddButton] = "add"; BUTTON_WORDS[TS.AddItemButton] = "add"; BUTTON_WORDS[TS.RemoveButton] = "remove";
  BUTTON_WORDS[TS.MoveUpButton] = "move_up"; BUTTON_WORDS[TS.MoveDownButton] = "move_down"; BUTTON_WORDS[TS.CopyButton] = "copy_item";
  BUTTON_WORDS[TS.YesLabel] = "yes"; BUTTON_WORDS[TS.NoLabel] = "no";
  BUTTON_WORDS[TS.OptionalObjectAdd] = "add_optional"; BUTTON_WORDS[TS.OptionalObjectRemove] = "remove_optional";
  BUTTON_WORDS[TS.OptionalObjectEmptyMsg] = "optional_empty";

  function translate(text, params) {
    var word = BUTTON_WORDS[text] ? ui(BUTTON_WORDS[text]) : text;
    return (params || []).reduce(function (out, p, i) { return out.replace("%" + (i + 1), p); }, word);
  }

  function textButton(word, extra) {
    return function (props) {
      return h("button", {type: "button", id: props.id, className: "md-button contribute-item-button " + (extra || ""),
        onClick: props.onClick, disabled: props.disabled}, ui(word));
    };
  }

  function OptionalDataControlsTemplate(props) {  // an optional group: left out until the author adds it
    var click = props.onAddClick || props.onRemoveClick;
    if (!click) return h("em", {id: props.id}, props.label);
    return h("button", {type: "button", id: props.id, className: "md-button contribute-item-button", onClick: click}, props.label);
  }

  function CheckboxesWidget(props) {  // the default boxes, in a group that bears the field's name
    return h("div", {role: "group", "aria-label": props.label}, h(KIT.widgets.CheckboxesWidget, props));
  }

  var templates = {
    FieldErrorTemplate: FieldErrorTemplate,
    OptionalDataControlsTemplate: OptionalDataControlsTemplate,
    ButtonTemplates: {
      AddButton: textButton("add", "contribute-add"), RemoveButton: textButton("remove"), CopyButton: textButton("copy_item"),
      MoveUpButton: textButton("move_up"), MoveDownButton: textButton("move_down"), SubmitButton: function () { return null; },
    },
  };

  var validatorCache = new WeakMap();
  var formValidator = {  // what react-jsonschema-form asks of a validator, answered by @cfworker/json-schema
    isValid: function (schema, formData) {
      if (!validatorCache.has(schema)) validatorCache.set(schema, new KIT.Validator(schema, "2020-12", true));
      return validatorCache.get(schema).validate(formData === undefined ? null : formData).valid;
    },
    validateFormData: function () { return {errors: [], errorSchema: {}}; },  // problems() does it, in the checker's words
    rawValidation: function () { return {errors: []}; },
  };

  var reactRoot = KIT.createRoot(el("contribute-form"));

  function render() {
    var kind = DATA.kinds[state.kind], front = frontMatter(state.kind, state.data), found = problems(state.kind, front);
    var text = fileText(state.kind, state.data), path = filePath(state.kind, front);
    output.value = text;
    el("contribute-path").textContent = path;
    var unplaced = found.filter(function (p) { return !shownIn(kind.form, p.path) || !p.path.length; });
    summary.textContent = "";
    if (state.all) {
      summary.textContent = found.length === 0 ? ui("problems_none")
        : found.length === 1 ? ui("problems_one") : ui("problems_many", {count: found.length});
      if (unplaced.length) {
        summary.appendChild(document.createTextNode(" " + ui("problems_unplaced")));
        var list = document.createElement("ul");
        unplaced.forEach(function (p) {
          var item = document.createElement("li");
          item.textContent = (p.field ? p.field + ": " : "") + p.message + (p.hint ? " " + ui("hint") + " " + p.hint : "");
          list.appendChild(item);
        });
        summary.appendChild(list);
      }
    }
    reactRoot.render(h(KIT.Form, {
      key: state.key, schema: kind.form, uiSchema: kind.ui, formData: state.data, validator: formValidator,
      templates: templates, widgets: {CheckboxesWidget: CheckboxesWidget}, translateString: translate,
      extraErrors: errorSchema(found, kind.form),
      showErrorList: false, noHtml5Validate: true, liveValidate: false,
      experimental_defaultFormStateBehavior: {emptyObjectFields: "skipDefaults", arrayMinItems: {populate: "never"}},
      onChange: function (event, id) {
        state.data = event.formData;
        if (id) state.touched[id] = true;
        changed();
      },
      onBlur: function (id) { state.touched[id] = true; render(); },
      onSubmit: function () { check(); },
    }, h(KIT.React.Fragment)));
    return found;
  }

  // --- the draft ------------------------------------------------------------------------

  function storeKey() { return STORE + (state.source ? "edit:" + state.source : "new:" + state.kind); }

  function save() {
    try {
      localStorage.setItem(storeKey(), JSON.stringify({kind: state.kind, data: state.data, source: state.source, saved: new Date().toISOString()}));
      localStorage.setItem(LAST, storeKey());
    } catch (e) { /* storage full or refused: the form still works, and the draft can be exported */ }
  }

  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function changed() { state.dirty = true; save(); render(); }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function fresh(kind) {
    var start = DATA.kinds[kind], data = Object.assign({}, start.initial);
    start.today.forEach(function (f) { data[f] = today(); });
    if (start.body) data[DATA_BODY] = start.body;
    return data;
  }

  function show(kind, data, source, message) {
    state.kind = kind; state.data = data; state.source = source || null; state.touched = {}; state.key = (state.key || 0) + 1;
    kindSelect.value = kind;
    tell(message || "");
    render();
  }

  function tell(text) { status.textContent = text; }  // the page's status line (read out by screen readers)

  function restore(key) {
    var draft = stored(key);
    if (!draft || !DATA.kinds[draft.kind]) return false;
    show(draft.kind, draft.data || {}, draft.source, ui("restored", {date: new Date(draft.saved).toLocaleString(DATA.lang)}));
    state.all = true;
    render();
    return true;
  }

  function load(text, name, source) {
    var read;
    try {
      var draft = JSON.parse(text);
      if (draft && draft.portal_draft && DATA.kinds[draft.kind]) {
        show(draft.kind, draft.data || {}, draft.source || null, ui("loaded", {name: name}));
        state.all = true; changed();
        return true;
      }
    } catch (e) { /* not a draft: a Markdown file */ }
    try { read = readFile(text); } catch (e) { tell(ui("not_loaded", {name: name, reason: e.message})); return false; }
    var folder = source ? source.split("/")[0] : null, kind = kindOf(read.front, folder);
    if (!kind) { tell(ui("not_loaded", {name: name, reason: ui("not_a_page")})); return false; }
    var data = Object.assign({}, read.front);
    data[DATA_BODY] = read.body;
    show(kind, data, source || (typeof read.front.id === "string" ? DATA.kinds[kind].folder + "/" + read.front.id : null), ui("loaded", {name: name}));
    state.all = true; state.dirty = false; save(); render();
    return true;
  }

  // --- what the buttons do ---------------------------------------------------------------

  function check() {
    state.all = true;
    var found = render();
    var marked = found.map(function (p) { return p.path.length && document.getElementById(idOf(p.path)); })
      .filter(Boolean).sort(function (a, b) { return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
    if (marked.length) {  // the first problem in the form's order gets the focus
      var first = marked[0];
      (first.matches("input, select, textarea, button") ? first : first.querySelector("input, select, textarea, button") || first).focus();
    }
    return found;
  }

  function saveAs(name, text, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: type}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function fileName() { return filePath(state.kind, frontMatter(state.kind, state.data)).split("/").pop(); }

  function copy(text) {
    function fallback() {
      output.focus(); output.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      return ok;
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }

  el("contribute-check").addEventListener("click", check);

  el("contribute-download").addEventListener("click", function () {
    check();
    saveAs(fileName(), output.value, "text/markdown;charset=utf-8");
    state.dirty = false;
    tell(ui("downloaded", {name: fileName()}));
  });

  el("contribute-copy").addEventListener("click", function () {
    check();
    copy(output.value).then(function (ok) {
      if (ok) state.dirty = false;
      tell(ui(ok ? "copied" : "copy_failed"));
    });
  });

  el("contribute-export").addEventListener("click", function () {
    var name = fileName().replace(/\.md$/, "") + "-draft.json";
    saveAs(name, JSON.stringify({portal_draft: 1, kind: state.kind, source: state.source, data: state.data}, null, 1), "application/json");
    state.dirty = false;
    tell(ui("exported", {name: name}));
  });

  var propose = el("contribute-propose");
  if (propose && DATA.new_file) propose.addEventListener("click", function () {
    check();
    var front = frontMatter(state.kind, state.data), path = filePath(state.kind, front);
    var there = (DATA.existing[DATA.kinds[state.kind].folder] || []).indexOf(front.id) >= 0;
    if (there && state.source !== DATA.kinds[state.kind].folder + "/" + front.id) {  // never over another page
      tell(ui("exists", {id: front.id}));
      return;
    }
    if (there && DATA.edit_file) {
      copy(output.value).then(function () {  // GitHub's edit page takes no text in its address
        window.open(DATA.edit_file + path, "_blank", "noopener");
        state.dirty = false;
        tell(ui("edit_opened"));
      });
      return;
    }
    var base = DATA.new_file + "?filename=" + encodeURIComponent(path);
    var full = base + "&value=" + encodeURIComponent(output.value);
    if (full.length <= DATA.max_url) {
      window.open(full, "_blank", "noopener");
      state.dirty = false;
      tell(ui("opened"));
    } else {
      copy(output.value).then(function () {
        window.open(base, "_blank", "noopener");
        state.dirty = false;
        tell(ui("too_long"));
      });
    }
  });

  el("contribute-new").addEventListener("click", function () {
    if (state.dirty && !window.confirm(ui("replace"))) return;
    state.source = null; state.dirty = false;
    show(state.kind, fresh(state.kind), null, "");
    state.all = false; save(); render();
  });

  kindSelect.addEventListener("change", function () {
    var kind = kindSelect.value;
    state.source = null; state.dirty = false;
    if (!restore(STORE + "new:" + kind)) { show(kind, fresh(kind), null, ""); state.all = false; save(); render(); }
  });

  el("contribute-open").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    if (state.dirty && !window.confirm(ui("replace"))) { event.target.value = ""; return; }
    file.text().then(function (text) { load(text, file.name, null); event.target.value = ""; });
  });

  window.addEventListener("beforeunload", function (event) {
    if (!state.dirty) return undefined;
    event.preventDefault();
    event.returnValue = "";
    return "";
  });

  // --- start: the page to edit, else the last draft, else a new practice -------------------

  box.hidden = false;
  var wanted = new URLSearchParams(location.search).get("edit");
  if (wanted && /^(cases|networks|guides)\/[a-z0-9]+(-[a-z0-9]+)*$/.test(wanted)) {
    state.source = wanted;
    if (!restore(STORE + "edit:" + wanted)) {
      fetch(DATA.sources + wanted + ".md.txt").then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      }).then(function (text) { load(text, wanted.split("/")[1] + ".md", wanted); }, function (e) {
        state.source = null;
        show(state.kind, fresh(state.kind), null, ui("not_loaded", {name: wanted + ".md", reason: e.message}));
      });
    }
  } else {
    var last = null;
    try { last = localStorage.getItem(LAST); } catch (e) { last = null; }
    if (!last || !restore(last)) show(state.kind, fresh(state.kind), null, "");
  }

  window.PortalContribute = {problems: problems, fileText: fileText, readFile: readFile, frontMatter: frontMatter};
})();
