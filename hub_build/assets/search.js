/*
 * The directory search page: text search, filters with counts, "near this place", a shortlist.
 *
 * Why it is like this: everything runs in the browser from the site's own files (search-data/results.json,
 * search-data/index.json, lunr.js from the mkdocs package, search-engine.js, geo.js), so nothing a professional
 * types leaves their machine and the page works on any static host. Text search is search-engine.js: one text
 * pipeline for the listings and for what is typed (see hub_build/publish/search/index.py for why).
 * Every piece of listing text is put into the page with textContent, never as HTML.
 */
(function (global) {
  "use strict";

  var doc = global.document;
  /* The hub's words in the page's language (assets/hub/messages.js, from hub_build/locale); English as written. */
  function _(text) {
    var words = global.hubMessages;
    return words && Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }
  var root = doc.getElementById("hub-find");
  if (!root || !global.HubSearchEngine) return;
  var engine = global.HubSearchEngine;

  var DATA = root.getAttribute("data-index-base") || "search-data/";
  var GEO = root.getAttribute("data-geo-base") || "geo/";
  var SERVICE_URL = root.getAttribute("data-service-url") || "services/{slug}/";
  // Not "q": Material for MkDocs reads ?q= and opens its own search over the page.
  var TEXT_PARAM = "what";
  // Listing text without a language of its own is English: on a page in another language it says so.
  var PAGE_LANG = doc.documentElement.lang || "en", TEXT_LANG = PAGE_LANG === "en" ? "" : "en";
  var PAGE_SIZE = 20;
  var MAX_WORDS = 12;
  var MAX_WORD = 40;
  var STORE = "hub-shortlist-v1";
  var RADII = [5, 10, 25, 50, 100];
  // Every sort keeps services that cover the family's area above those that do not: it orders within each group.
  var SORTS = new Map([["relevance", _("Best match")], ["distance", _("Nearest first")], ["name", _("Name, A to Z")],
                       ["reviewed", _("Most recently checked")]]);
  var MAX_SHARED = 200, MAX_SLUG = 200;  // a shared shortlist: how many services, how long a name

  var $ = function (id) { return doc.getElementById(id); };
  var form = $("hub-find-form"), qBox = $("hub-q"), placeBox = $("hub-place"), radiusBox = $("hub-radius"),
      sortBox = $("hub-sort"), statusBox = $("hub-status"), list = $("hub-results"), moreButton = $("hub-more"),
      emptyBox = $("hub-empty"), placeMsg = $("hub-place-msg"), filtersBox = $("hub-filters"),
      shortlistBox = $("hub-shortlist"), sharedBox = $("hub-shared"), app = $("hub-find-app"),
      othersBox = $("hub-others"), othersList = $("hub-results-other"), othersTitle = $("hub-others-title"),
      othersNote = $("hub-others-note"), ruleBox = $("hub-rule"), errorBox = $("hub-error"),
      announceBox = $("hub-announce"), filterToggle = $("hub-filter-toggle"), filterSide = $("hub-filter-side"),
      filterActive = $("hub-filter-active"), clearFilters = $("hub-clear-filters");
  // Length caps come from the form's own maxlength, so the page and the URL agree on them.
  var MAX_QUERY = qBox.maxLength > 0 ? qBox.maxLength : 200, MAX_PLACE = placeBox.maxLength > 0 ? placeBox.maxLength : 100;

  // Lookups keyed by anything from a URL, a form or localStorage are Maps: "constructor" is just a name.
  var table = null, C = {}, index = null, indexPromise = null, laByCode = new Map(), rowBySlug = new Map();
  var facets = [];
  var location_ = null;      // the resolved place, or null
  var placeText = "";        // what the place was resolved from
  var shown = PAGE_SIZE, lastResults = [], lastKey = "";

  /* ---------- data ---------- */

  /* Timings for bench/bench_search.py and the browser's performance panel. */
  function mark(name) { if (global.performance && global.performance.mark) global.performance.mark(name); }

  function getJSON(name) {
    var url = new URL(DATA + name, doc.baseURI);
    if (url.origin !== global.location.origin) return Promise.reject(new Error("search data must come from this site"));
    return global.fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("could not load " + name + " (HTTP " + response.status + ")");
      return response.json();
    });
  }

  /* The table the page has loaded, for the engine: it indexes the names, organisations and summaries shown. */
  var tableReady = null, tableLoaded = new Promise(function (resolve) { tableReady = resolve; });

  /* The text index, built by search-engine.js from index.json and the result table (see that file for why). */
  function buildIndex(data, rows) {
    var own = {};
    data.own.forEach(function (field, k) { own[field] = k; });
    var docs = rows.map(function (row, i) {
      return data.fields.map(function (field) {
        var name = field[0];
        return name in own ? data.text[i][own[name]] : row[C[data.table[name]]];
      });
    });
    return engine.build(data.fields, docs, data.boosts, rows.map(function (row) { return row[C.name]; }));
  }

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = Promise.all([getJSON("index.json"), tableLoaded]).then(function (got) {
        mark("hub-index-loaded");
        index = buildIndex(got[0], got[1].rows);
        mark("hub-index-built");
        root.setAttribute("data-index", "ready");
        return index;
      });
      indexPromise.catch(function () { indexPromise = null; });  // a failed download can be tried again
    }
    return indexPromise;
  }

  /* ---------- failed downloads ---------- */

  /* Say what could not load and offer to try again; `retry` runs the same step once more. */
  function failed(what, error, retry) {
    errorBox.textContent = "";
    errorBox.appendChild(el("p", "", fill(_("The {what} could not load ({error}). Check your connection and try again, or use the browse links below."),
                                         { what: what, error: error && error.message || _("network error") })));
    var again = el("button", "md-button md-button--primary", _("Try again"));
    again.type = "button";
    again.addEventListener("click", function () {
      errorBox.hidden = true;
      errorBox.textContent = "";
      root.removeAttribute("data-failed");
      statusBox.textContent = _("Loading…");
      retry();
    });
    errorBox.appendChild(again);
    errorBox.hidden = false;
    root.setAttribute("data-failed", what);
  }

  /* ---------- text search ---------- */

  /* Words a person typed, as the engine reads them (stop words dropped, at most a dozen). */
  function words(text) { return engine.words(text, engine.MAX_WORDS); }

  /* Row number -> score for the typed text (search-engine.js), or null when there is nothing to search for. */
  function textScores(text, typing) {
    var found = engine.scores(index, text, typing);
    if (found === null) return null;
    var out = {};
    found.forEach(function (score, ref) { out[ref] = score; });
    return out;
  }

  /* ---------- place ---------- */

  function miles(value) {
    return fill(value === 1 ? _("{miles} mile") : _("{miles} miles"), { miles: value < 10 ? value.toFixed(1) : String(Math.round(value)) });
  }

  /*
   * Where a service stands for the family's place: whether it covers their area (their council, their whole
   * nation or the whole UK) and how far its nearest site is. A service that covers the area is a result at
   * any distance; one that does not is a result only with a site within the radius, and is shown apart.
   */
  function placeInfo(row, radius) {
    var nearest = Infinity;
    row[C.places].forEach(function (p) {
      if (p[0] !== null) nearest = Math.min(nearest, global.HubGeo.distanceMiles(location_, { lat: p[0], lon: p[1] }));
    });
    var la = laByCode.get(location_.la_code);
    var nation = nationCode(location_.nation);
    var reason = "";
    if (la !== undefined && row[C.las].indexOf(la) >= 0) reason = fill(_("Covers {area}"), { area: location_.la_name });
    else if (row[C.national]) reason = _("Covers the whole UK");
    else if (nation >= 0 && row[C.coverage_nations].indexOf(nation) >= 0) {
      reason = fill(_("Covers all of {nation}"), { nation: table.vocab.nations[nation][1] });
    }
    var covers = reason !== "";
    if (!covers && !(nearest <= radius)) return null;
    return { miles: nearest, covers: covers, reason: covers ? reason : fill(_("Does not cover {area}"), { area: areaName() }) };
  }

  /* The family's area as a person would name it: their council area, or failing that the place itself. */
  function areaName() { return location_.la_name || location_.label; }

  function nationCode(key) {
    var terms = table.vocab.nations;
    for (var i = 0; i < terms.length; i++) if (terms[i][0] === key) return i;
    return -1;
  }

  /* ---------- facets ---------- */

  function vocabFacet(key, legend, column, category, single) {
    return {
      key: key, legend: legend,
      options: table.vocab[category].map(function (t, i) { return { value: t[0], label: t[1], code: i }; }),
      codes: single ? function (row) { return [row[C[column]]]; } : function (row) { return row[C[column]]; }
    };
  }

  function makeFacets() {
    var ages = table.ages.map(function (band, i) {
      return { value: band[0] + "-" + band[1], label: band[2], code: i };
    });
    return [
      vocabFacet("type", _("Type of service"), "types", "service_types"),
      vocabFacet("audience", _("Who it is for"), "audiences", "audiences"),
      { key: "age", legend: _("Child's age"), options: ages, codes: function (row) {
        var r = row[C.ages], out = [];
        if (!r) return out;
        table.ages.forEach(function (band, i) { if (r[0] <= band[1] && r[1] >= band[0]) out.push(i); });
        return out;
      } },
      vocabFacet("nation", _("Nation"), "nations", "nations"),
      { key: "la", legend: _("Local authority"), select: true,
        options: table.las.map(function (la, i) { return { value: la[0], label: la[1], code: i }; }),
        codes: function (row) {
          var out = row[C.las].slice();
          row[C.places].forEach(function (p) { if (p[2] >= 0 && out.indexOf(p[2]) < 0) out.push(p[2]); });
          return out;
        } },
      vocabFacet("referral", _("How to get help"), "referral", "referral_routes", true),
      vocabFacet("cost", _("Cost"), "cost", "cost_types", true),
      vocabFacet("format", _("Format"), "formats", "formats")
    ];
  }

  function drawFacets() {
    filtersBox.textContent = "";
    facets.forEach(function (facet) {
      facet.counts = [];
      facet.byValue = new Map();
      facet.options.forEach(function (o) { facet.byValue.set(o.value, o); });
      if (facet.select) {
        var wrap = doc.createElement("div");
        wrap.className = "hub-filter hub-filter--select";
        var label = doc.createElement("label");
        label.htmlFor = "hub-f-" + facet.key;
        label.textContent = facet.legend;
        var select = doc.createElement("select");
        select.id = "hub-f-" + facet.key;
        select.name = facet.key;
        var any = doc.createElement("option");
        any.value = "";
        any.textContent = _("Any");
        select.appendChild(any);
        facet.options.forEach(function (o) {
          o.node = doc.createElement("option");
          o.node.value = o.value;
          select.appendChild(o.node);
        });
        select.addEventListener("change", function () { commit(); });
        facet.input = select;
        wrap.appendChild(label);
        wrap.appendChild(select);
        filtersBox.appendChild(wrap);
        return;
      }
      var set = doc.createElement("fieldset");
      set.className = "hub-filter";
      var legend = doc.createElement("legend");
      legend.textContent = facet.legend;
      set.appendChild(legend);
      facet.options.forEach(function (o) {
        var id = "hub-f-" + facet.key + "-" + o.value;
        var line = doc.createElement("div");
        line.className = "hub-filter__option";
        o.input = doc.createElement("input");
        o.input.type = "checkbox";
        o.input.id = id;
        o.input.name = facet.key;
        o.input.value = o.value;
        o.input.addEventListener("change", function () { commit(); });
        var label = doc.createElement("label");
        label.htmlFor = id;
        label.appendChild(doc.createTextNode(o.label + " "));
        o.count = doc.createElement("span");
        o.count.className = "hub-count-badge";
        label.appendChild(o.count);
        line.appendChild(o.input);
        line.appendChild(label);
        set.appendChild(line);
      });
      filtersBox.appendChild(set);
    });
  }

  function chosen(facet) {
    if (facet.select) return facet.byValue.has(facet.input.value) ? [facet.byValue.get(facet.input.value).code] : [];
    return facet.options.filter(function (o) { return o.input.checked; }).map(function (o) { return o.code; });
  }

  /* ---------- state and URL ---------- */

  function readControls() {
    var params = new URLSearchParams();
    if (qBox.value.trim()) params.set(TEXT_PARAM, qBox.value.trim().slice(0, MAX_QUERY));
    if (placeBox.value.trim()) params.set("place", placeBox.value.trim().slice(0, MAX_PLACE));
    if (radiusBox.value !== "25") params.set("radius", radiusBox.value);
    if (sortBox.value) params.set("sort", sortBox.value);
    facets.forEach(function (facet) {
      if (facet.select) { if (facet.input.value) params.set(facet.key, facet.input.value); return; }
      facet.options.forEach(function (o) { if (o.input.checked) params.append(facet.key, o.value); });
    });
    return params;
  }

  function applyParams(params) {
    // Whatever the address holds: capped, and only known values reach the controls.
    qBox.value = (params.get(TEXT_PARAM) || "").slice(0, MAX_QUERY);
    placeBox.value = (params.get("place") || "").slice(0, MAX_PLACE);
    var radius = params.get("radius");
    radiusBox.value = RADII.indexOf(Number(radius)) >= 0 ? String(Number(radius)) : "25";
    var sort = params.get("sort");
    sortBox.value = SORTS.has(sort) ? sort : "";
    facets.forEach(function (facet) {
      var values = params.getAll(facet.key);
      if (facet.select) { facet.input.value = facet.byValue.has(values[0]) ? values[0] : ""; return; }
      facet.options.forEach(function (o) { o.input.checked = values.indexOf(o.value) >= 0; });
    });
  }

  function writeURL(push) {
    var params = readControls();
    var shared = new URLSearchParams(global.location.search).get("shortlist");
    if (shared) params.set("shortlist", shared);
    var search = params.toString();
    var url = global.location.pathname + (search ? "?" + search : "");
    if (url === global.location.pathname + global.location.search) return;
    if (push) global.history.pushState(null, "", url);
    else global.history.replaceState(null, "", url);
  }

  /* A deliberate change (filter, Enter, place, sort): a new history entry, so Back undoes it. */
  function commit() {
    writeURL(true);
    shown = PAGE_SIZE;
    update();
  }

  /* ---------- running a search ---------- */

  function update(typing) {
    if (!table) return;
    var q = qBox.value;
    if (words(q).length && !index) {
      statusBox.textContent = _("Loading the search index…");
      loadIndex().then(function () { update(typing); }, function (error) {
        statusBox.textContent = "";
        failed(_("search index"), error, function () { update(typing); });
      });
      return;
    }
    var scores = words(q).length ? textScores(q, typing) : null;
    var radius = Number(radiusBox.value) || 25;
    var chosenBy = facets.map(chosen);
    var active = chosenBy.map(function (c) { return c.length > 0; });
    // What ticking an option would give. Options of one group add up (either), groups narrow (both); a list
    // (local authority) replaces its choice. A row that passes every other group counts for option o of group f
    // when it passes f already (base: ticking more keeps it) or when it has o (extra).
    var base = facets.map(function () { return 0; });
    var extra = facets.map(function () { return []; });
    var relaxed = facets.map(function () { return 0; });
    var results = [];
    var rows = table.rows;
    for (var i = 0; i < rows.length; i++) {
      if (scores && !(i in scores)) continue;
      var info = null;
      if (location_) { info = placeInfo(rows[i], radius); if (!info) continue; }
      var codesBy = [], failed_ = -1, fails = 0;
      for (var f = 0; f < facets.length; f++) {
        var codes = facets[f].codes(rows[i]);
        codesBy.push(codes);
        if (active[f] && !codes.some(function (c) { return chosenBy[f].indexOf(c) >= 0; })) { fails++; failed_ = f; }
        if (fails > 1) break;
      }
      if (fails > 1) continue;
      for (f = 0; f < facets.length; f++) {
        if (fails === 1 && f !== failed_) continue;
        if (fails === 0 && active[f] && !facets[f].select) { base[f]++; continue; }
        var counts = extra[f];
        codesBy[f].forEach(function (c) { counts[c] = (counts[c] || 0) + 1; });
      }
      if (fails === 1) { relaxed[failed_]++; continue; }
      results.push({ i: i, score: scores ? scores[i] : 0, place: info, covers: info ? info.covers : true });
    }
    facets.forEach(function (facet, n) {
      facet.counts = facet.options.map(function (o) { return base[n] + (extra[n][o.code] || 0); });
    });
    sortResults(results, scores);
    lastResults = results;
    mark("hub-search-done");
    drawCounts();
    drawResults(results, relaxed, scores);
  }

  function effectiveSort(scores) {
    var sort = sortBox.value;
    if (sort === "relevance" && !scores) sort = "";
    if (sort === "distance" && !location_) sort = "";
    return sort || (scores ? "relevance" : location_ ? "distance" : "name");
  }

  /* Services that cover the place come first whatever the order chosen: the order applies within each group. */
  /* No control that does nothing: "Best match" needs words, "Nearest first" and the radius need a place. */
  function offerControls(scores) {
    Array.prototype.forEach.call(sortBox.options, function (o) {
      var off = (o.value === "relevance" && !scores) || (o.value === "distance" && !location_);
      o.disabled = off;
      o.hidden = off;
    });
    radiusBox.disabled = !placeBox.value.trim();
  }

  function sortResults(results, scores) {
    offerControls(scores);
    var rows = table.rows, sort = effectiveSort(scores);
    var compare = {
      relevance: function (a, b) { return b.score - a.score || a.i - b.i; },
      distance: function (a, b) {
        return rows[a.i][C.overdue] - rows[b.i][C.overdue] || (a.place.miles - b.place.miles) || a.i - b.i;
      },
      name: function (a, b) { return a.i - b.i; },
      reviewed: function (a, b) {
        var x = rows[a.i][C.reviewed], y = rows[b.i][C.reviewed];
        return x < y ? 1 : x > y ? -1 : a.i - b.i;
      }
    }[sort];
    results.sort(function (a, b) { return (b.covers - a.covers) || compare(a, b); });
  }

  function drawCounts() {
    var ticked = 0;
    facets.forEach(function (facet) {
      ticked += chosen(facet).length;
      facet.options.forEach(function (o, k) {
        var count = facet.counts[k];
        if (facet.select) {
          o.node.textContent = o.label + " (" + count + ")";
          o.node.hidden = count === 0 && facet.input.value !== o.value;
        } else {
          o.count.textContent = "(" + count + ")";
        }
      });
    });
    filterActive.textContent = ticked ? " " + fill(_("({count} active)"), { count: ticked }) : "";
    clearFilters.hidden = !ticked;
  }

  function nationLabel() {
    var n = nationCode(location_.nation);
    return n >= 0 ? table.vocab.nations[n][1] : _("its nation");
  }

  function statusText(count, covering) {
    var values = { count: count, place: location_ ? location_.label : "", covering: covering, area: location_ ? areaName() : "" };
    if (!count) return fill(location_ ? _("0 services for {place} found") : _("0 services found"), values);
    if (!location_) return fill(count === 1 ? _("1 service") : _("{count} services"), values);
    return fill(count === 1 ? (covering === 1 ? _("1 service for {place}: 1 covers {area}") : _("1 service for {place}: {covering} cover {area}"))
      : (covering === 1 ? _("{count} services for {place}: 1 covers {area}") : _("{count} services for {place}: {covering} cover {area}")), values);
  }

  function drawResults(results, relaxed, scores) {
    var covering = 0;
    results.forEach(function (r) { if (r.covers) covering++; });
    var others = results.length - covering;
    var key = statusText(results.length, covering);
    if (statusBox.textContent !== key) statusBox.textContent = key;
    ruleBox.hidden = !location_;
    if (location_) {
      ruleBox.textContent = fill(_("Services that cover {area} (its council area, all of {nation} or the whole UK) come first, at any distance; after them come services that do not cover it but have a site within {miles} miles."),
                                 { area: areaName(), nation: nationLabel(), miles: radiusBox.value });
    }
    list.textContent = "";
    othersList.textContent = "";
    var first = doc.createDocumentFragment(), second = doc.createDocumentFragment();
    results.slice(0, shown).forEach(function (r) { (r.covers ? first : second).appendChild(card(r.i, r.place, "result")); });
    list.appendChild(first);
    othersList.appendChild(second);
    othersBox.hidden = !othersList.children.length;
    if (others) {
      othersTitle.textContent = fill(others === 1 ? _("1 service near {place} that does not cover {area}")
        : _("{count} services near {place} that do not cover {area}"), { count: others, place: location_.label, area: areaName() });
      othersNote.textContent = fill(_("Each has a site within {miles} miles but does not list {area} among the areas it covers: ask before referring a family."),
                                    { miles: radiusBox.value, area: areaName() });
    }
    moreButton.hidden = results.length <= shown;
    if (!moreButton.hidden) moreButton.textContent = fill(_("Show {count} more of {left}"), { count: Math.min(PAGE_SIZE, results.length - shown), left: results.length - shown });
    drawEmpty(results.length, relaxed, scores);
    if (!root.hasAttribute("data-first-results") && global.performance) {
      root.setAttribute("data-first-results", global.performance.now().toFixed(1));  // read by bench/bench_search.py
    }
  }

  function drawEmpty(count, relaxed, scores) {
    emptyBox.textContent = "";
    emptyBox.hidden = count > 0;
    if (count) return;
    var intro = doc.createElement("p");
    intro.textContent = _("Nothing matches all of that. You could:");
    var tips = doc.createElement("ul");
    function tip(text, action) {
      var li = doc.createElement("li");
      if (action) {
        var b = doc.createElement("button");
        b.type = "button";
        b.className = "hub-link-button";
        b.textContent = text;
        b.addEventListener("click", action);
        li.appendChild(b);
      } else {
        li.textContent = text;
      }
      tips.appendChild(li);
    }
    facets.forEach(function (facet, f) {
      if (!chosen(facet).length) return;
      tip(fill(relaxed[f] === 1 ? _("remove the “{filter}” filter (1 service)") : _("remove the “{filter}” filter ({count} services)"),
               { filter: facet.legend, count: relaxed[f] }), function () {
        if (facet.select) facet.input.value = "";
        else facet.options.forEach(function (o) { o.input.checked = false; });
        commit();
      });
    });
    if (location_ && radiusBox.value !== "100") {
      tip(_("look further away (up to 100 miles)"), function () { radiusBox.value = "100"; commit(); });
    }
    if (scores && words(qBox.value).length > 1) tip(_("use fewer words, or check the spelling"), null);
    else if (scores) tip(_("check the spelling, or try a broader word such as “family” or “visits”"), null);
    tip(_("browse the whole directory instead (see the links below)"), null);
    emptyBox.appendChild(intro);
    emptyBox.appendChild(tips);
  }

  /* ---------- cards ---------- */

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function serviceURL(slug) { return SERVICE_URL.replace("{slug}", encodeURIComponent(slug)); }

  function telURI(phone) {
    var digits = phone.replace(/[^0-9]/g, "");
    return "tel:" + (digits.charAt(0) === "0" && digits.length >= 10 ? "+44" + digits.slice(1) : digits);
  }

  function contactLinks(row, full) {
    var p = el("p", "hub-card__contact");
    function add(href, text, label) {
      var a = el("a", "", text);
      a.href = href;
      if (label) a.setAttribute("aria-label", label);
      p.appendChild(a);
      p.appendChild(doc.createTextNode(" "));
    }
    var name = row[C.name];
    if (row[C.phone]) add(telURI(row[C.phone]), row[C.phone], fill(_("Phone {name}: {number}"), { name: name, number: row[C.phone] }));
    if (row[C.email]) add("mailto:" + row[C.email], row[C.email], fill(_("E-mail {name}: {address}"), { name: name, address: row[C.email] }));
    if (row[C.website] && /^https?:\/\//i.test(row[C.website])) {
      add(row[C.website], full ? row[C.website] : _("Website"), full ? "" : fill(_("Website of {name}"), { name: name }));
    }
    return p;
  }

  function card(i, place, kind) {
    var row = table.rows[i];
    var li = el("li", "hub-card hub-result");
    li.setAttribute("data-slug", row[C.slug]);
    // Results follow the h1; shortlist cards, and results under the "do not cover" heading, follow an h2.
    var h = el(kind === "result" && !(place && !place.covers) ? "h2" : "h3", "hub-card__title");
    var a = el("a", "", row[C.name]);
    a.href = serviceURL(row[C.slug]);
    var langs = row[C.langs] || [];  // the listing's text_language / name_language (WCAG 3.1.2)
    if (!langs[0] || !langs[1]) langs = [langs[0] || TEXT_LANG, langs[1] || TEXT_LANG];  // untagged text is English
    if (langs[0] && langs[0] !== PAGE_LANG) a.lang = langs[0];
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", "hub-card__org", row[C.org]));
    var summary = el("p", "hub-card__summary", row[C.summary]);
    if (langs[1] && langs[1] !== PAGE_LANG) summary.lang = langs[1];
    li.appendChild(summary);
    if (place) {
      li.setAttribute("data-covers", place.covers ? "yes" : "no");
      li.appendChild(el("p", "hub-card__where", place.reason + " · " +
                        (place.miles < Infinity ? fill(_("nearest site {distance} away"), { distance: miles(place.miles) }) : _("no site with a known location"))));
    }
    var types = row[C.types].map(function (t) { return table.vocab.service_types[t][1]; }).join(", ");
    li.appendChild(el("p", "hub-card__meta", types + (row[C.overdue] ? " · details last checked " + row[C.reviewed] : "")));
    if (kind === "full") {
      var addresses = el("ul", "hub-card__addresses");
      row[C.places].forEach(function (p) { if (p[3]) addresses.appendChild(el("li", "", p[3])); });
      li.appendChild(addresses);
    }
    li.appendChild(contactLinks(row, kind === "full"));
    if (kind === "result") li.appendChild(toggleButton(row));
    return li;
  }

  /* ---------- shortlist ---------- */

  function readShortlist() {
    try {
      var saved = JSON.parse(global.localStorage.getItem(STORE) || "[]");
      return Array.isArray(saved) ? saved.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function saveShortlist(slugs) {
    try { global.localStorage.setItem(STORE, JSON.stringify(slugs)); } catch (e) { /* private mode: kept for this page */ }
    memoryShortlist = slugs;
  }

  var memoryShortlist = null;
  function shortlist() { return memoryShortlist || readShortlist(); }

  function toggleButton(row) {
    var slug = row[C.slug];
    var on = shortlist().indexOf(slug) >= 0;
    var b = el("button", "md-button hub-shortlist-toggle");
    b.type = "button";
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.appendChild(doc.createTextNode(on ? _("In shortlist") : _("Add to shortlist")));
    b.appendChild(el("span", "md-visually-hidden", ": " + row[C.name]));
    b.addEventListener("click", function () {
      var slugs = shortlist().slice(), at = slugs.indexOf(slug);
      if (at >= 0) slugs.splice(at, 1); else slugs.push(slug);
      saveShortlist(slugs);
      drawShortlist();
      announce(fill(at >= 0 ? _("Removed {name} from your shortlist ({count}).") : _("Added {name} to your shortlist ({count})."),
                    { name: row[C.name], count: countOf(slugs) }));
      Array.prototype.forEach.call(root.querySelectorAll(".hub-find__results .hub-shortlist-toggle"), function (other) {
        var li = other.closest("li");
        var inList = slugs.indexOf(li.getAttribute("data-slug")) >= 0;
        other.setAttribute("aria-pressed", inList ? "true" : "false");
        other.firstChild.nodeValue = inList ? _("In shortlist") : _("Add to shortlist");
      });
    });
    return b;
  }

  function countOf(slugs) {
    var n = slugs.filter(function (s) { return rowBySlug.has(s); }).length;
    return fill(n === 1 ? _("1 service") : _("{count} services"), { count: n });
  }

  /* Tell screen reader users what a shortlist button did (the change happens away from the button). */
  function announce(text) {
    announceBox.textContent = "";
    setTimeout(function () { announceBox.textContent = text; }, 50);  // a fresh change, even for the same words
  }

  function shareURL(slugs) {
    return global.location.origin + global.location.pathname + "?shortlist=" + slugs.map(encodeURIComponent).join(",");
  }

  function drawList(box, slugs, title, actions) {
    box.textContent = "";
    var known = slugs.filter(function (s) { return rowBySlug.has(s); });
    var h = el("h2", "", title + " (" + known.length + ")");
    h.id = box.id + "-title";
    box.appendChild(h);
    if (!known.length) {
      box.appendChild(el("p", "hub-muted", _("Add services from the results to keep them here, then print the list or share it as a link.")));
      return;
    }
    var ul = el("ul", "hub-cards hub-shortlist__items");
    box.appendChild(ul);
    known.forEach(function (slug) {
      var item = card(rowBySlug.get(slug), null, "full");
      if (box === shortlistBox) {
        var remove = el("button", "md-button hub-shortlist__remove", _("Remove"));
        remove.type = "button";
        var name = table.rows[rowBySlug.get(slug)][C.name];
        remove.appendChild(el("span", "md-visually-hidden", " " + fill(_("{name} from the shortlist"), { name: name })));
        remove.addEventListener("click", function () {
          var left = shortlist().filter(function (s) { return s !== slug; });
          saveShortlist(left);
          drawShortlist();
          update();
          announce(fill(_("Removed {name} from your shortlist ({count})."), { name: name, count: countOf(left) }));
          var heading = doc.getElementById("hub-shortlist-title");
          if (heading) { heading.tabIndex = -1; heading.focus(); }
        });
        item.appendChild(remove);
      }
      ul.appendChild(item);
    });
    var bar = el("p", "hub-shortlist__actions");
    actions(bar, known);
    box.appendChild(bar);
  }

  function drawShortlist() {
    drawList(shortlistBox, shortlist(), _("Your shortlist"), function (bar, known) {
      var print = el("button", "md-button", _("Print shortlist"));
      print.type = "button";
      print.addEventListener("click", function () {
        doc.documentElement.classList.add("hub-print-shortlist");
        global.print();
      });
      var share = el("button", "md-button", _("Share as a link"));
      share.type = "button";
      var out = el("input", "hub-share-link");
      out.type = "text";
      out.readOnly = true;
      out.id = "hub-share-link";
      out.hidden = true;
      var label = el("label", "md-visually-hidden", _("Link to this shortlist"));
      label.htmlFor = out.id;
      share.addEventListener("click", function () {
        out.value = shareURL(known);
        out.hidden = false;
        out.focus();
        out.select();
        if (global.navigator.clipboard) global.navigator.clipboard.writeText(out.value).catch(function () {});
      });
      var clear = el("button", "md-button", _("Clear shortlist"));
      clear.type = "button";
      clear.addEventListener("click", function () {
        saveShortlist([]);
        drawShortlist();
        update();
        announce(_("Your shortlist is now empty."));
      });
      [print, share, clear, label, out].forEach(function (n) { bar.appendChild(n); bar.appendChild(doc.createTextNode(" ")); });
    });
  }

  function drawShared() {
    var text = new URLSearchParams(global.location.search).get("shortlist");
    sharedBox.hidden = !text;
    doc.documentElement.classList.toggle("hub-shared-view", !!text);
    if (!text) return;
    var seen = new Set();
    text.slice(0, MAX_SHARED * (MAX_SLUG + 1)).split(",").forEach(function (s) {
      if (s && s.length <= MAX_SLUG && seen.size < MAX_SHARED) seen.add(s);
    });
    var slugs = Array.from(seen);
    drawList(sharedBox, slugs, _("Shortlist shared with you"), function (bar, known) {
      var keep = el("button", "md-button", _("Add these to my shortlist"));
      keep.type = "button";
      keep.addEventListener("click", function () {
        var mine = shortlist().slice();
        known.forEach(function (s) { if (mine.indexOf(s) < 0) mine.push(s); });
        saveShortlist(mine);
        drawShortlist();
        update();
        announce(fill(known.length === 1 ? _("Added 1 service to your shortlist ({count}).") : _("Added {added} services to your shortlist ({count})."),
                      { added: known.length, count: countOf(mine) }));
      });
      var print = el("button", "md-button", _("Print"));
      print.type = "button";
      print.addEventListener("click", function () { global.print(); });
      bar.appendChild(keep);
      bar.appendChild(doc.createTextNode(" "));
      bar.appendChild(print);
    });
  }

  /* ---------- place box ---------- */

  function resolvePlace() {
    var text = placeBox.value.trim();
    if (text === placeText) return Promise.resolve();
    placeText = text;
    placeMsg.textContent = "";
    placeMsg.classList.remove("hub-find__place-msg--found");
    if (!text) { location_ = null; return Promise.resolve(); }
    if (!global.HubGeo) { placeMsg.textContent = _("Searching by place is not available on this page."); return Promise.resolve(); }
    placeMsg.textContent = fill(_("Looking up {place}…"), { place: text });
    return global.HubGeo.resolve(text, { base: GEO }).then(function (found) {
      if (placeBox.value.trim() !== text) return;
      if (!found || found.notFound) {
        location_ = null;
        placeMsg.textContent = (found && found.message) || _("We could not find that place.");
        if (found && found.suggestions && found.suggestions.length) {
          placeMsg.appendChild(doc.createTextNode(" " + _("Did you mean:") + " "));
          found.suggestions.forEach(function (s, n) {
            var b = el("button", "hub-link-button", s);
            b.type = "button";
            b.addEventListener("click", function () { placeBox.value = s; placeChanged(); });
            if (n) placeMsg.appendChild(doc.createTextNode(", "));
            placeMsg.appendChild(b);
          });
        }
        return;
      }
      location_ = found;
      placeMsg.classList.add("hub-find__place-msg--found");  // the status line above the results says it on screen
      placeMsg.textContent = found.la_name && found.label !== found.la_name
        ? fill(_("Showing services for {place} ({area})."), { place: found.label, area: found.la_name })
        : fill(_("Showing services for {place}."), { place: found.label });
    }, function () {
      location_ = null;
      placeMsg.textContent = _("We could not look that place up just now.") + " ";
      var again = el("button", "hub-link-button", _("Try again"));
      again.type = "button";
      again.addEventListener("click", function () { placeText = null; placeChanged(); });
      placeMsg.appendChild(again);
    });
  }

  function placeChanged() {
    writeURL(true);
    resolvePlace().then(function () { shown = PAGE_SIZE; update(); });
  }

  /* ---------- wiring ---------- */

  function restore() {
    applyParams(new URLSearchParams(global.location.search));
    drawShared();
    shown = PAGE_SIZE;
    return resolvePlace().then(function () { update(false); });
  }

  function start(data) {
    mark("hub-results-loaded");
    table = data;
    data.columns.forEach(function (name, i) { C[name] = i; });
    data.las.forEach(function (la, i) { laByCode.set(la[0], i); });
    data.rows.forEach(function (row, i) { rowBySlug.set(row[C.slug], i); });
    tableReady(data);
    facets = makeFacets();
    drawFacets();
    drawShortlist();
    filterToggle.hidden = false;
    // Narrow screens: the filters wait behind a button (wide screens show them beside the results, see search.css).
    filterToggle.addEventListener("click", function () {
      var open = filterToggle.getAttribute("aria-expanded") !== "true";
      filterToggle.setAttribute("aria-expanded", open ? "true" : "false");
      filterSide.classList.toggle("hub-find__side--open", open);
    });
    clearFilters.addEventListener("click", function () {
      facets.forEach(function (facet) {
        if (facet.select) facet.input.value = "";
        else facet.options.forEach(function (o) { o.input.checked = false; });
      });
      commit();
      $("hub-filter-title").focus();  // the button has gone: keep the keyboard in the filters
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (placeBox.value.trim() !== placeText) placeChanged(); else commit();
    });
    qBox.addEventListener("input", function () { writeURL(false); shown = PAGE_SIZE; update(true); });
    placeBox.addEventListener("change", placeChanged);
    placeBox.addEventListener("input", function () { radiusBox.disabled = !placeBox.value.trim(); });
    radiusBox.addEventListener("change", commit);
    sortBox.addEventListener("change", commit);
    moreButton.addEventListener("click", function () {
      var first = shown;
      shown += PAGE_SIZE;
      drawResults(lastResults, facets.map(function () { return 0; }), null);
      var next = root.querySelectorAll(".hub-find__results > li")[first];
      if (next) next.querySelector("a").focus();
    });
    global.addEventListener("popstate", restore);
    global.addEventListener("afterprint", function () { doc.documentElement.classList.remove("hub-print-shortlist"); });
    global.addEventListener("storage", function (event) { if (event.key === STORE) { memoryShortlist = null; drawShortlist(); } });
    return restore().then(function () {
      root.setAttribute("data-ready", "true");
      if (!index) setTimeout(loadIndex, 0);  // fetched once the first results are on screen, for the first keystroke
    });
  }

  /*
   * For tests and the curious: the engine as built here, and the search a typed query runs (text, with
   * typing=true as on each keystroke) giving slugs in the order "Best match" shows them.
   */
  global.HubSearch = {
    index: function () { return index; }, words: words,
    ranked: function (text, typing) {
      var refs = engine.ranked(index, text, typing);
      return refs === null ? null : refs.map(function (i) { return table.rows[i][C.slug]; });
    }
  };

  form.hidden = false;
  app.hidden = false;
  filterToggle.hidden = true;  // until there are filters to show
  root.classList.add("hub-find--js");
  SORTS.forEach(function (label, key) {
    var o = el("option", "", label);
    o.value = key;
    sortBox.appendChild(o);
  });

  function load() {
    statusBox.textContent = _("Loading the directory…");
    getJSON("results.json").then(start).catch(function (error) {
      statusBox.textContent = "";
      failed(_("directory"), error, load);
    });
  }
  if (words(new URLSearchParams(global.location.search).get(TEXT_PARAM)).length) loadIndex();  // in parallel
  load();
})(window);
