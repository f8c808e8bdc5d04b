/* hub-build: "Suggest a listing". For services, resources, events and practice examples: a form generated from each kind's JSON Schema (the same schema editors use,
   generated from the build's models), checked in the browser with the schema's own rules, that produces the YAML
   file and a link to the repository's "create new file" page with it filled in. No server; nothing leaves the page
   until the contributor follows that link. */
(function () {
  "use strict";
  /* The hub's words in the page's language (assets/hub/messages.js, from hub_build/locale); English as written. */
  function _(text) {
    var words = window.hubMessages;
    return words && Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }

  // --- a small JSON Schema checker: exactly the keywords hub_build/publish/schema.py writes ---------------------------
  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value; // string, boolean, object
  }

  function makeChecker(root) {
    var defs = root.$defs || {};
    function deref(schema) {
      while (schema && schema.$ref) schema = defs[schema.$ref.split("/").pop()];
      return schema;
    }
    function equal(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

    function check(schema, value, path, errors) {
      schema = deref(schema);
      if (!schema || schema === true) return errors;
      var kind = typeOf(value);
      if (schema.type) {
        var types = [].concat(schema.type);
        if (types.indexOf(kind) < 0 && !(kind === "integer" && types.indexOf("number") >= 0)) {
          errors.push({ path: path, message: _("is not filled in correctly") });
          return errors;
        }
      }
      if ("const" in schema && !equal(schema.const, value)) errors.push({ path: path, message: _("is not allowed here") });
      if (schema.enum && !schema.enum.some(function (v) { return equal(v, value); })) {
        errors.push({ path: path, message: _("choose one of the options") });
      }
      if (kind === "string") {
        if (schema.maxLength !== undefined && Array.from(value).length > schema.maxLength) {
          errors.push({ path: path, message: fill(_("is too long: {count} characters, at most {most}"), { count: Array.from(value).length, most: schema.maxLength }) });
        } else if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
          errors.push({ path: path, message: schema.patternErrorMessage || _("is not written correctly") });
        }
      }
      if (kind === "integer" || kind === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) errors.push({ path: path, message: fill(_("should be at least {least}"), { least: schema.minimum }) });
        if (schema.maximum !== undefined && value > schema.maximum) errors.push({ path: path, message: fill(_("should be at most {most}"), { most: schema.maximum }) });
      }
      if (kind === "array") {
        if (schema.minItems && value.length < schema.minItems) errors.push({ path: path, message: fill(schema.minItems === 1 ? _("choose or add at least 1 item") : _("choose or add at least {count} items"), { count: schema.minItems }) });
        if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push({ path: path, message: schema.maxItems === 0 ? "should be left empty here" : "has too many items (at most " + schema.maxItems + ")" });
        if (schema.uniqueItems) {
          var seen = {};
          value.forEach(function (item, i) {
            var key = JSON.stringify(item);
            if (seen[key]) errors.push({ path: path.concat([i]), message: _("is listed twice") });
            seen[key] = true;
          });
        }
        if (schema.items) value.forEach(function (item, i) { check(schema.items, item, path.concat([i]), errors); });
        if (schema.contains && !value.some(function (item) { return check(schema.contains, item, [], []).length === 0; })) {
          errors.push({ path: path, message: _("is missing a required item") });
        }
      }
      if (kind === "object") {
        (schema.required || []).forEach(function (key) {
          if (!(key in value)) errors.push({ path: path.concat([key]), message: _("is required"), required: true });
        });
        var props = schema.properties || {};
        Object.keys(value).forEach(function (key) {
          if (props[key]) check(props[key], value[key], path.concat([key]), errors);
          else if (schema.additionalProperties === false) errors.push({ path: path.concat([key]), message: _("is not a field of this form") });
        });
      }
      (schema.allOf || []).forEach(function (part) { check(part, value, path, errors); });
      if (schema.anyOf || schema.oneOf) {
        var options = schema.anyOf || schema.oneOf;
        var results = options.map(function (option) { return check(option, value, path, []); });
        var passed = results.filter(function (r) { return r.length === 0; }).length;
        var ok = schema.anyOf ? passed > 0 : passed === 1;
        if (!ok) {
          if (schema.errorMessage) {
            // A rule about the whole file is shown at the first field it names (e.g. nations, or online).
            var first = path.length ? null : deref(options[0]);
            var at = first && first.required && first.required.length ? path.concat([first.required[0]]) : path;
            errors.push({ path: at, message: schema.errorMessage, whole: true });
          }
          else {
            // Report the option meant for this kind of value (a list, a text, a group), else the closest one.
            var best = null;
            options.forEach(function (option, i) {
              var o = deref(option);
              var fits = o && o.type && [].concat(o.type).indexOf(kind) >= 0;
              if (fits && (best === null || results[i].length < results[best].length)) best = i;
            });
            if (best === null) best = 0;
            Array.prototype.push.apply(errors, results[best].length ? results[best] : [{ path: path, message: _("is not filled in correctly") }]);
          }
        }
      }
      if (schema.if) {
        var branch = check(schema.if, value, path, []).length === 0 ? schema.then : schema.else;
        if (branch) {
          var found = check(branch, value, path, []);
          if (found.length && deref(branch).errorMessage) {
            found = found.map(function (e) { return { path: e.path, message: deref(branch).errorMessage, whole: true }; });
            if (!deref(branch).required && !deref(branch).properties) found = found.slice(0, 1);
          }
          Array.prototype.push.apply(errors, found);
        }
      }
      return errors;
    }
    return { deref: deref, check: function (value) { return check(root, value, [], []); } };
  }

  // --- YAML out: text the hub's strict reader reads back exactly, whatever was typed -------------------------
  // A character is written as it is only when YAML reads it as itself: printable ASCII and printable Unicode.
  // Line breaks of every kind (LF, CR, NEL, U+2028, U+2029), control characters, the byte-order mark,
  // non-characters and unpaired surrogates are escaped inside double quotes, so none can end the text early.
  function breaksYaml(code) {
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
      code === 0xfeff || code === 0xfffe || code === 0xffff;
  }
  function escapeUnit(code) {
    var named = { 9: "\\t", 10: "\\n", 13: "\\r" };
    if (named[code]) return named[code];
    return code < 0x100 ? "\\x" + ("0" + code.toString(16)).slice(-2) : "\\u" + ("000" + code.toString(16)).slice(-4);
  }
  function quoted(text) {
    text = String(text);
    var out = '"';
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { out += text.substr(i, 2); i++; continue; }
      if (code === 0x22 || code === 0x5c) out += "\\" + text.charAt(i);
      else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd"; // an unpaired surrogate cannot be stored
      else if (breaksYaml(code)) out += escapeUnit(code);
      else out += text.charAt(i);
    }
    return out + '"';
  }
  function fitsBlock(text) {
    // Several lines read best as a literal block, when YAML keeps them exactly: nothing to escape, no space at the
    // start of the text or the end of a line, and no line break at the very end.
    if (text.indexOf("\n") < 0 || /^[ \t]/.test(text) || /[ \t]\n|[ \t]$|\n$/.test(text)) return false;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code !== 10 && (breaksYaml(code) || (code >= 0xd800 && code <= 0xdfff))) return false;
    }
    return true;
  }
  function yamlText(text) {
    return fitsBlock(text) ? { block: text.split("\n") } : quoted(text);
  }
  function yamlLines(value, indent) {
    var pad = new Array(indent + 1).join(" ");
    var lines = [];
    Object.keys(value).forEach(function (key) {
      var item = value[key];
      if (Array.isArray(item) && !item.length) lines.push(pad + key + ": []");
      else if (item && typeof item === "object" && !Array.isArray(item) && !Object.keys(item).length) lines.push(pad + key + ": {}");
      else if (Array.isArray(item)) {
        lines.push(pad + key + ":");
        item.forEach(function (element) {
          if (element && typeof element === "object" && !Object.keys(element).length) {
            lines.push(pad + "  - {}");
          } else if (element && typeof element === "object") {
            var inner = yamlLines(element, indent + 4);
            lines.push(pad + "  - " + inner[0].replace(/^\s+/, ""));
            Array.prototype.push.apply(lines, inner.slice(1));
          } else {
            lines.push(pad + "  - " + quoted(element));
          }
        });
      } else if (item && typeof item === "object") {
        lines.push(pad + key + ":");
        Array.prototype.push.apply(lines, yamlLines(item, indent + 2));
      } else if (typeof item === "boolean") {
        lines.push(pad + key + ": " + String(item));
      } else {
        var text = yamlText(String(item));
        if (typeof text === "string") lines.push(pad + key + ": " + text);
        else {
          lines.push(pad + key + ": |-");
          text.block.forEach(function (line) { lines.push(line ? pad + "  " + line : ""); });
        }
      }
    });
    return lines;
  }

  function slugify(text) {
    var ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  // --- the form ------------------------------------------------------------------------------------------------
  function humanise(key) {
    var text = key.replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] === null || attrs[name] === undefined || attrs[name] === false) return;
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name] === true ? "" : attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function Form(container, config, today) {
    // config: one kind's schema, plain words and file place (render/suggest.py, render/suggest_words.py)
    this.container = container;
    this.config = config;
    this.today = today;
    this.words = config.words;
    this.checker = makeChecker(config.schema);
    this.fields = []; // {path, id, read(), errorNode, control}
    this.groups = {}; // path key -> error node of a group
    this.repeaters = {};
  }

  Form.prototype.unwrap = function (schema) {
    // A field's schema: follow $ref (keeping the field's own description), drop the "or empty" option.
    var deref = this.checker.deref;
    var optional = false;
    var own = schema;
    if (schema.allOf && schema.allOf.length === 1 && schema.allOf[0].$ref) schema = schema.allOf[0];
    if (schema.anyOf) {
      var rest = schema.anyOf.filter(function (o) { return !(o.type === "null"); });
      optional = rest.length < schema.anyOf.length;
      if (optional && rest.length === 1) schema = rest[0];
    }
    var target = deref(schema);
    return { schema: target, optional: optional, description: own.description || target.description || "",
             examples: own.examples || target.examples || [] };
  };

  Form.prototype.listItem = function (schema) {
    var deref = this.checker.deref;
    if (schema.items) return deref(schema.items);
    var list = (schema.anyOf || []).map(deref).filter(function (o) { return o.type === "array"; })[0];
    return list ? deref(list.items) : null;
  };

  Form.prototype.id = function (path) { return "hub-f-" + path.join("-"); };

  function wordsKey(path) { return path.filter(function (p) { return typeof p === "string" && isNaN(Number(p)); }).join("."); }

  Form.prototype.label = function (path) {
    var key = wordsKey(path);
    return this.words.labels[key] || humanise(String(path[path.length - 1]));
  };

  Form.prototype.hint = function (info, path) {
    var key = wordsKey(path);
    if (key in this.words.hints) return this.words.hints[key];
    return info.description;
  };

  Form.prototype.message = function (text) { return this.words.messages[text] || text; };

  Form.prototype.fieldShell = function (path, label, info, required) {
    info = { description: this.hint(info, path), examples: [] };
    var id = this.id(path);
    var wrap = el("div", { "class": "hub-field" });
    var hintId = id + "-hint", errorId = id + "-error";
    wrap.appendChild(el("label", { "for": id }, [
      document.createTextNode(label), el("span", { "class": "hub-field__need", text: " " + (required ? _("(required)") : _("(optional)")) })]));
    var hintText = info.description;
    if (hintText) wrap.appendChild(el("p", { "class": "hub-field__hint", id: hintId, text: hintText }));
    var error = el("p", { "class": "hub-field__error", id: errorId, hidden: true });
    wrap.appendChild(error);
    return { wrap: wrap, id: id, hintId: hintText ? hintId : "", error: error };
  };

  Form.prototype.addField = function (parent, path, key, schema, required) {
    var self = this;
    if (this.words.hidden.indexOf(wordsKey(path)) >= 0) return;
    var info = this.unwrap(schema);
    var s = info.schema;
    var label = this.label(path);
    var input = schema["x-input"] || s["x-input"] || (s.type === "object" ? "group" : "text");
    if (s.type === "object" && s.properties) return this.addGroup(parent, path, label, s, info, required);
    if (input === "list") {
      var item = this.listItem(s);
      if (item && item.type === "object") return this.addRepeater(parent, path, label, item, info, required);
      if (item && item.enum) return this.addChoices(parent, path, label, item, info, required);
      return this.addLines(parent, path, label, info, required);
    }
    var shell = this.fieldShell(path, label, info, required);
    var control;
    if (input === "checkbox") {
      control = el("input", { type: "checkbox", id: shell.id, "class": "hub-field__checkbox" });
      shell.wrap.insertBefore(control, shell.wrap.firstChild);
      shell.wrap.classList.add("hub-field--checkbox");
      this.fields.push({ path: path, id: shell.id, control: control, error: shell.error, hintId: shell.hintId,
                         read: function () { return control.checked ? true : undefined; } });
      parent.appendChild(shell.wrap);
      return;
    }
    if (input === "choice") {
      control = el("select", { id: shell.id, name: path.join(".") });
      control.appendChild(el("option", { value: "", text: required ? _("Choose…") : _("(none)") }));
      var labels = s["x-labels"] || s.enum.map(function (term) { return self.words.choices[term] || term; });
      s.enum.forEach(function (term, i) { control.appendChild(el("option", { value: term, text: labels[i] })); });
    } else if (input === "textarea") {
      control = el("textarea", { id: shell.id, name: path.join("."), rows: s.maxLength && s.maxLength > 300 ? 6 : 3 });
    } else {
      var type = { email: "email", url: "url", tel: "tel", date: "date" }[input] || "text";
      control = el("input", { id: shell.id, name: path.join("."), type: type,
                              inputmode: input === "number" ? "numeric" : null,
                              autocomplete: input === "postcode" ? "postal-code" : (input === "email" ? "email" : (input === "tel" ? "tel" : "off")),
                              spellcheck: ["email", "url", "tel", "postcode", "number", "date"].indexOf(input) >= 0 ? "false" : null });
      if (input === "date" && key === "last_reviewed") control.value = self.today;
    }
    if (shell.hintId) control.setAttribute("aria-describedby", shell.hintId);
    if (required) control.setAttribute("aria-required", "true");
    shell.wrap.appendChild(control);
    shell.wrap.appendChild(shell.error); // the message sits right below the field it is about
    this.fields.push({ path: path, id: shell.id, control: control, error: shell.error, hintId: shell.hintId,
                       read: function () { var v = control.value; return v.trim() === "" ? undefined : v; } });
    parent.appendChild(shell.wrap);
  };

  Form.prototype.groupShell = function (parent, path, label, info, required, extraClass) {
    var id = this.id(path);
    var set = el("fieldset", { "class": "hub-group " + (extraClass || ""), id: id });
    set.appendChild(el("legend", { text: label + (required ? "" : " " + _("(optional)")) }));
    var hintText = this.hint(info, path);
    if (hintText) set.appendChild(el("p", { "class": "hub-field__hint", id: id + "-hint", text: hintText }));
    var error = el("p", { "class": "hub-field__error", id: id + "-error", hidden: true });
    set.appendChild(error);
    if (hintText) set.setAttribute("aria-describedby", id + "-hint");
    this.groups[path.join(".")] = { node: set, error: error, hintId: hintText ? id + "-hint" : "", required: required,
                                    path: path, list: /hub-repeater/.test(extraClass || "") };
    parent.appendChild(set);
    return set;
  };

  Form.prototype.addGroup = function (parent, path, label, schema, info, required) {
    var set = this.groupShell(parent, path, label, info, required);
    var self = this;
    var need = schema.required || [];
    Object.keys(schema.properties).forEach(function (key) {
      self.addField(set, path.concat([key]), key, schema.properties[key], need.indexOf(key) >= 0);
    });
  };

  Form.prototype.addChoices = function (parent, path, label, item, info, required) {
    var set = this.groupShell(parent, path, label, info, required, "hub-choices");
    var words = this.words;
    var labels = item["x-labels"] || item.enum.map(function (term) { return words.choices[term] || term; });
    var boxes = item.enum.map(function (term, i) {
      var id = this.id(path.concat([term]));
      var box = el("input", { type: "checkbox", id: id, value: term, name: path.join(".") });
      set.appendChild(el("div", { "class": "hub-choice" }, [box, el("label", { "for": id, text: labels[i] })]));
      return box;
    }, this);
    this.fields.push({ path: path, id: boxes[0].id, control: boxes[0], group: true, error: this.groups[path.join(".")].error,
                       read: function () {
                         var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
                         return chosen.length ? chosen : undefined;
                       } });
  };

  Form.prototype.addLines = function (parent, path, label, info, required) {
    var shell = this.fieldShell(path, label, info, required);
    shell.wrap.querySelector(".hub-field__need").textContent += ": one on each line";
    var control = el("textarea", { id: shell.id, name: path.join("."), rows: 3 });
    if (shell.hintId) control.setAttribute("aria-describedby", shell.hintId);
    shell.wrap.appendChild(control);
    shell.wrap.appendChild(shell.error);
    this.fields.push({ path: path, id: shell.id, control: control, error: shell.error, hintId: shell.hintId,
                       read: function () {
                         var lines = control.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
                         return lines.length ? lines : undefined;
                       } });
    parent.appendChild(shell.wrap);
  };

  Form.prototype.addRepeater = function (parent, path, label, item, info, required) {
    var self = this;
    var set = this.groupShell(parent, path, label, info, required, "hub-repeater");
    var list = el("div", { "class": "hub-repeater__items" });
    set.appendChild(list);
    var count = 0;
    var entries = [];
    var singular = label.replace(/s$/, "").toLowerCase();
    this.singular = this.singular || {};
    this.singular[wordsKey(path)] = singular;
    function add() {
      var index = count++;
      var box = el("fieldset", { "class": "hub-group hub-repeater__item" });
      box.appendChild(el("legend", { text: humanise(singular) + " " + (entries.length + 1) }));
      var before = self.fields.length;
      var need = item.required || [];
      Object.keys(item.properties).forEach(function (key) {
        self.addField(box, path.concat([index, key]), key, item.properties[key], need.indexOf(key) >= 0);
      });
      var mine = self.fields.slice(before);
      var entry = { box: box, fields: mine, index: index };
      if (entries.length > 0) {
        var remove = el("button", { type: "button", "class": "md-button hub-repeater__remove", text: fill(_("Remove {item} {number}"), { item: singular, number: entries.length + 1 }) });
        remove.addEventListener("click", function () {
          entries.splice(entries.indexOf(entry), 1);
          self.fields = self.fields.filter(function (f) { return mine.indexOf(f) < 0; });
          box.remove();
          entries.forEach(function (e, i) { e.box.querySelector("legend").textContent = humanise(singular) + " " + (i + 1); });
          addButton.focus();
        });
        box.appendChild(remove);
      }
      entries.push(entry);
      list.appendChild(box);
      return box;
    }
    var addButton = el("button", { type: "button", "class": "md-button hub-repeater__add", text: fill(_("Add another {item}"), { item: singular }) });
    addButton.addEventListener("click", function () {
      var box = add();
      var first = box.querySelector("input, select, textarea");
      if (first) first.focus();
    });
    set.appendChild(addButton);
    add();
    this.repeaters[path.join(".")] = entries;
  };

  Form.prototype.build = function () {
    var schema = this.config.schema;
    var need = schema.required || [];
    var self = this;
    Object.keys(schema.properties).forEach(function (key) {
      self.addField(self.container, [key], key, schema.properties[key], need.indexOf(key) >= 0);
    });
    if (this.config.frontMatter) { // the page's own text, below its fields
      var shell = this.fieldShell(["body"], _("More about it"), { description: "" }, false);
      shell.wrap.querySelector(".hub-field__hint") || shell.wrap.insertBefore(
        el("p", { "class": "hub-field__hint", id: shell.id + "-hint", text: _("What readers see on the page. You can write several paragraphs.") }),
        shell.error);
      var body = el("textarea", { id: shell.id, name: "body", rows: 6, "aria-describedby": shell.id + "-hint" });
      shell.wrap.appendChild(body);
      shell.wrap.appendChild(shell.error);
      this.body = body;
      this.container.appendChild(shell.wrap);
    }
  };

  Form.prototype.fileText = function (data) {
    // The file as the hub keeps it: a listing's YAML, or a page's front matter and text.
    var lines = yamlLines(data, 0);
    var note = "# Suggested with the hub's online form on " + this.today + ".";
    if (!this.config.frontMatter) {
      return ["# yaml-language-server: $schema=" + this.config.schemaRef, note].concat(lines).join("\n") + "\n";
    }
    // The page's text is kept as typed, less what no text file may hold: CR line ends, NUL characters.
    var body = this.body ? this.body.value.replace(/\r\n?/g, "\n").replace(/\u0000/g, "\ufffd") : "";
    return ["---", note].concat(lines).concat(["---", body]).join("\n") + "\n";
  };

  Form.prototype.data = function () {
    // Values by path; repeated groups are renumbered in order; empty groups are left out.
    var data = {};
    var repeaters = this.repeaters;
    this.fields.forEach(function (field) {
      var value = field.read();
      if (value === undefined) return;
      var path = field.path.slice();
      Object.keys(repeaters).forEach(function (key) {
        var prefix = key.split(".");
        if (path.length > prefix.length && prefix.every(function (p, i) { return String(path[i]) === p; })) {
          var position = repeaters[key].map(function (e) { return e.index; }).indexOf(path[prefix.length]);
          path[prefix.length] = position;
        }
      });
      var node = data;
      for (var i = 0; i < path.length - 1; i++) {
        var next = path[i + 1];
        if (node[path[i]] === undefined) node[path[i]] = typeof next === "number" ? [] : {};
        node = node[path[i]];
      }
      node[path[path.length - 1]] = value;
    });
    Object.keys(data).forEach(function (key) {
      if (Array.isArray(data[key])) data[key] = data[key].filter(function (x) { return x !== undefined; });
    });
    // A required group left empty is checked as an empty group, so the messages name the fields to fill in.
    var groups = this.groups;
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      if (group.required && group.path.length === 1 && data[key] === undefined && !/hub-choices/.test(group.node.className)) {
        data[key] = group.list ? [{}] : {};
      }
    });
    return data;
  };

  Form.prototype.show = function (errors) {
    var self = this;
    this.fields.forEach(function (f) {
      f.error.hidden = true; f.error.textContent = "";
      f.control.removeAttribute("aria-invalid");
      if (!f.group) f.control.setAttribute("aria-describedby", f.hintId || "");
      if (!f.hintId && !f.group) f.control.removeAttribute("aria-describedby");
    });
    Object.keys(this.groups).forEach(function (k) { var g = self.groups[k]; g.error.hidden = true; g.error.textContent = ""; });
    var shown = [];
    errors.forEach(function (error) {
      var target = self.target(error.path);
      if (!target) return;
      var label = target.label;
      var said = self.message(error.message);
      var message = !error.required ? (/\?$/.test(label) ? label + " " + said.charAt(0).toUpperCase() + said.slice(1) : label + ": " + said) :
        /\?$/.test(label) ? fill(_("Answer the question: {question}"), { question: label })
          : fill(_("Fill in {field}"), { field: label.charAt(0).toLowerCase() + label.slice(1) });
      if (target.error.textContent.indexOf(message) >= 0) return;
      target.error.textContent = (target.error.textContent ? target.error.textContent + " " : "") + message + (/[?.]$/.test(message) ? "" : ".");
      target.error.hidden = false;
      if (target.control) {
        target.control.setAttribute("aria-invalid", "true");
        var ids = [target.hintId, target.error.id].filter(Boolean).join(" ");
        target.control.setAttribute("aria-describedby", ids);
      }
      shown.push({ id: target.focusId, message: message });
    });
    return shown.sort(function (x, y) { // in the order of the form
      var a = document.getElementById(x.id), b = document.getElementById(y.id);
      return a && b && a !== b ? (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : 0;
    });
  };

  Form.prototype.target = function (path) {
    // The field (or group) a problem at `path` belongs to: the closest one at or above it.
    var self = this;
    for (var n = path.length; n >= 0; n--) {
      var key = path.slice(0, n).join(".");
      var field = this.fields.filter(function (f) { return f.path.join(".") === self.visiblePath(key); })[0];
      if (field) {
        return { error: field.error, control: field.control, hintId: field.hintId, focusId: field.id,
                 label: this.labelOf(field.path) };
      }
      var group = this.groups[this.visiblePath(key)];
      if (group && n > 0) {
        var first = group.node.querySelector("input, select, textarea");
        return { error: group.error, control: null, hintId: group.hintId, focusId: first ? first.id : group.node.id,
                 label: this.labelOf(path.slice(0, n)) };
      }
    }
    return null;
  };

  Form.prototype.visiblePath = function (key) {
    // data paths count repeated items 0, 1, 2...; form paths keep each item's creation number
    var repeaters = this.repeaters;
    var parts = key ? key.split(".") : [];
    Object.keys(repeaters).forEach(function (rk) {
      var prefix = rk.split(".");
      if (parts.length > prefix.length && prefix.every(function (p, i) { return parts[i] === p; })) {
        var entry = repeaters[rk][Number(parts[prefix.length])];
        if (entry) parts[prefix.length] = String(entry.index);
      }
    });
    return parts.join(".");
  };

  Form.prototype.labelOf = function (path) {
    // "Postcode (place 2)": the field's own words, and which of a repeated group it is in.
    var self = this;
    var text = path.length ? this.label(path.filter(function (p) { return isNaN(Number(p)); })) : _("This form");
    var where = [];
    path.forEach(function (p, i) {
      if (!isNaN(Number(p)) && i > 0) {
        var group = wordsKey(path.slice(0, i));
        var name = (self.singular && self.singular[group]) || _("item");
        if (path.length > i + 1) where.push(name + " " + (Number(p) + 1));
        else text += " " + (Number(p) + 1);
      }
    });
    return where.length ? text + " (" + where.join(", ") + ")" : text;
  };

  function start() {
    var holder = document.getElementById("hub-suggest");
    if (!holder || !holder.dataset.config) return;
    var config = JSON.parse(holder.dataset.config);
    var form = holder.querySelector("form");
    var fieldsBox = holder.querySelector(".hub-suggest__fields");
    var summary = holder.querySelector(".hub-suggest__summary");
    var result = holder.querySelector(".hub-suggest__result");
    var chooser = holder.querySelector(".hub-suggest__kinds");
    var built = null;
    var kind = config.kind;
    var asked = (window.location.search.match(/[?&]kind=([a-z]+)/) || [])[1];
    if (asked && config.kinds[asked]) kind = asked;

    // "What would you like to suggest?": a choice of kinds (one Tab stop); choosing one builds its form.
    var select = el("select", { id: "hub-suggest-kind" });
    Object.keys(config.kinds).forEach(function (key) {
      select.appendChild(el("option", { value: key, text: config.kinds[key].label, selected: key === kind }));
    });
    select.addEventListener("change", function () { choose(select.value); });
    chooser.appendChild(el("label", { "for": "hub-suggest-kind", text: _("What would you like to suggest?") }));
    chooser.appendChild(select);

    function choose(key) {
      kind = key;
      fieldsBox.innerHTML = "";
      summary.hidden = true;
      result.hidden = true;
      built = new Form(fieldsBox, config.kinds[key], config.today);
      built.build();
      window.HubSuggest.current = built;
      holder.querySelector(".hub-suggest__submit").textContent = fill(_("Check and make the {item}"), { item: config.kinds[key].words.noun });
      holder.querySelector("#hub-suggest-result-title").textContent = fill(_("Your {item} is ready"), { item: config.kinds[key].words.noun });
    }
    chooser.hidden = false;
    form.hidden = false;
    holder.querySelector(".hub-suggest__nojs").hidden = true;
    choose(kind);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = built.data();
      var errors = built.checker.check(data);
      var shown = built.show(errors);
      summary.innerHTML = "";
      if (shown.length) {
        result.hidden = true;
        summary.appendChild(el("h2", { id: "hub-suggest-problems", text: fill(shown.length === 1 ? _("There is a problem to fix") : _("There are {count} problems to fix"), { count: shown.length }) }));
        var list = el("ul");
        shown.forEach(function (item) {
          list.appendChild(el("li", {}, [el("a", { href: "#" + item.id, text: item.message })]));
        });
        summary.appendChild(list);
        summary.hidden = false;
        summary.focus();
        return;
      }
      summary.hidden = true;
      var text = built.fileText(data);
      var kindConfig = config.kinds[kind];
      var slug = slugify(String(data.name || data.title || "")) || kind;
      var file = kindConfig.folder + "/" + slug + kindConfig.suffix;
      result.querySelector(".hub-suggest__file").textContent = file;
      result.querySelector("textarea").value = text;
      var github = result.querySelector(".hub-suggest__github");
      if (config.newFileUrl) {
        github.href = config.newFileUrl + "?filename=" + encodeURIComponent(file) + "&value=" + encodeURIComponent(text);
        github.hidden = false;
      }
      var download = result.querySelector(".hub-suggest__download");
      if (download.href && download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([text], { type: kindConfig.frontMatter ? "text/markdown" : "text/yaml" }));
      download.setAttribute("download", slug + kindConfig.suffix);
      result.hidden = false;
      result.querySelector("h2").focus();
    });

    var copy = result.querySelector(".hub-suggest__copy");
    copy.addEventListener("click", function () {
      var area = result.querySelector("textarea");
      var status = result.querySelector(".hub-suggest__status");
      function done(ok) { status.textContent = ok ? _("Copied.") : _("Select the text and copy it with Ctrl+C (Cmd+C on a Mac)."); }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(area.value).then(function () { done(true); }, function () { area.select(); done(false); });
      else { area.select(); done(false); }
    });
  }

  window.HubSuggest = { makeChecker: makeChecker, yamlLines: yamlLines, slugify: slugify, current: null };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
