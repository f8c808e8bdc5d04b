/*
 * The directory search page: text search, filters with counts, "near this place", a shortlist.
 *
 * Why it is like this: everything runs in the browser from the site's own files, so nothing a professional
 * types leaves their machine and the page works on any static host. What it fetches is what the screen needs
 * (hub_build/publish/search/table.py, textindex.py): first search-data/table.json (facts to filter, count, place and
 * sort every service: no text), then for a query only the text index shards of its words (search-engine.js,
 * the same engine the build ran over the listings: one text pipeline), and the details (name, summary,
 * contacts) only of the rows on screen, twenty to a file. Slugs come only when there is a shortlist.
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
  var PAGE_LANG = doc.documentElement.lang || "en";
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
  var table = null, T = null, index = null, indexPromise = null, laByCode = new Map(), rowBySlug = null;
  var D = { slug: 0, name: 1, org: 2, summary: 3, phone: 4, email: 5, website: 6, langs: 7, addresses: 8, cy: 9 };  // table.py DETAILS
  var chunks = new Map(), slugsPromise = null, slugList = null, generation = 0, coords = null, coordsPromise = null;
  var facets = [];
  var location_ = null;      // the resolved place, or null
  var placeText = "";        // what the place was resolved from
  var shown = PAGE_SIZE, lastResults = [], lastRelaxed = [], lastScores = null;

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

  /* The text index: its manifest now, its shards when words need them (search-engine.js's Searcher). */
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = getJSON("text/index.json").then(function (manifest) {
        index = new engine.Searcher(manifest, function (name) { return getJSON("text/" + name); });
        mark("hub-index-loaded");
        root.setAttribute("data-index", "ready");
        return index;
      });
      indexPromise.catch(function () { indexPromise = null; });  // a failed download can be tried again
    }
    return indexPromise;
  }

  /* The sites' coordinates (only a place needs them): null when here, else a Promise. */
  function needCoords() {
    if (coords) return null;
    if (!coordsPromise) {
      coordsPromise = getJSON("coords.json").then(function (data) { coords = data; });
      coordsPromise.catch(function () { coordsPromise = null; });
    }
    return coordsPromise;
  }

  /* The details of rows (what a card shows): null when all are here already, else a Promise of them. */
  function needDetails(rows) {
    var size = table.chunk, wanted = new Set(), waits = [];
    rows.forEach(function (i) { wanted.add(Math.floor(i / size)); });
    wanted.forEach(function (k) {
      var got = chunks.get(k);
      if (got && got.rows) return;
      if (!got) {
        got = { promise: getJSON("details/" + k + ".json") };
        got.promise.then(function (rows_) { got.rows = rows_; }, function () { chunks.delete(k); });  // may be tried again
        chunks.set(k, got);
      }
      waits.push(got.promise);
    });
    return waits.length ? Promise.all(waits) : null;
  }

  /* One row's details, once needDetails has them. */
  function detail(i) { return chunks.get(Math.floor(i / table.chunk)).rows[i % table.chunk]; }

  /* Run `then` now when nothing is missing, or once it has come. */
  function when(pending, then) { return pending ? pending.then(then) : Promise.resolve(then()); }

  /* Slug -> row, for shortlists (saved by slug) and tests: fetched only when needed. */
  function loadSlugs() {
    if (!slugsPromise) {
      slugsPromise = getJSON("slugs.json").then(function (list) {
        var map = new Map();
        list.forEach(function (slug, i) { map.set(slug, i); });
        rowBySlug = map;
        slugList = list;
        return map;
      });
      slugsPromise.catch(function () { slugsPromise = null; });
    }
    return slugsPromise;
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
      var before = statusBox.textContent;
      statusBox.textContent = _("Loading…");
      Promise.resolve(retry()).then(function () {  // a step that draws no results leaves the line as it was
        if (statusBox.textContent === _("Loading…")) statusBox.textContent = before;
      });
    });
    errorBox.appendChild(again);
    errorBox.hidden = false;
    root.setAttribute("data-failed", what);
  }

  /* ---------- text search ---------- */

  /* Words a person typed, as the engine reads them (stop words dropped, at most a dozen). */
  function words(text) { return engine.words(text, engine.MAX_WORDS); }

  /* Row number -> score for the typed text once its shards are here (search-engine.js), or null without words. */
  function textScores(text, typing) { return index.scores(text, typing); }

  /* ---------- place ---------- */

  function miles(value) {
    return fill(value === 1 ? _("{miles} mile") : _("{miles} miles"), { miles: value < 10 ? value.toFixed(1) : String(Math.round(value)) });
  }

  /*
   * Where a service stands for the family's place: whether it covers their area (their council, their whole
   * nation or the whole UK) and how far its nearest site is. A service that covers the area is a result at
   * any distance; one that does not is a result only with a site within the radius, and is shown apart.
   */
  function placeInfo(i, radius) {
    var nearest = Infinity, sites = coords[i];
    for (var k = 0; k < sites.length; k += 2) {
      if (sites[k] !== null) {
        nearest = Math.min(nearest, global.HubGeo.distanceMiles(location_, { lat: sites[k] / 10000, lon: sites[k + 1] / 10000 }));
      }
    }
    var la = laByCode.get(location_.la_code);
    var nation = nationCode(location_.nation);
    var reason = "";
    if (la !== undefined && T.las[i].indexOf(la) >= 0) reason = fill(_("Covers {area}"), { area: location_.la_name });
    else if (T.national[i]) reason = _("Covers the whole UK");
    else if (nation >= 0 && T.coverage_nations[i].indexOf(nation) >= 0) {
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
      codes: single ? function (i) { return [T[column][i]]; } : function (i) { return T[column][i]; }
    };
  }

  function makeFacets() {
    var ages = table.ages.map(function (band, i) {
      return { value: band[0] + "-" + band[1], label: band[2], code: i };
    });
    return [
      vocabFacet("type", _("Type of service"), "types", "service_types"),
      vocabFacet("audience", _("Who it is for"), "audiences", "audiences"),
      { key: "age", legend: _("Child's age"), options: ages, codes: function (i) {
        var r = T.ages[i], out = [];
        if (!r) return out;
        table.ages.forEach(function (band, i) { if (r[0] <= band[1] && r[1] >= band[0]) out.push(i); });
        return out;
      } },
      vocabFacet("nation", _("Nation"), "nations", "nations"),
      { key: "la", legend: _("Local authority"), select: true,
        options: table.las.map(function (la, i) { return { value: la[0], label: la[1], code: i }; }),
        codes: function (i) {
          var out = T.las[i].slice(), sites = T.site_las[i];
          for (var k = 0; k < sites.length; k++) if (sites[k] >= 0 && out.indexOf(sites[k]) < 0) out.push(sites[k]);
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

  /* While a search waits for files, #hub-find has data-busy (tests and the benchmark wait for it to go). */
  function busy(on) {
    if (on) root.setAttribute("data-busy", "true");
    else root.removeAttribute("data-busy");
  }

  /*
   * Run the search the controls describe. Without words, or once the shards of the words are here, within
   * the keystroke; else when they come, unless a newer search has started meanwhile (stale work is dropped).
   */
  function update(typing) {
    if (!table) return Promise.resolve();
    var gen = ++generation, q = qBox.value, text = words(q).length > 0;
    var place = location_ ? needCoords() : null;
    var pending = !text ? null : index ? index.prepare(q, typing) : loadIndex().then(function (ix) { return ix.prepare(q, typing); });
    if (!pending && !place) return compute(text ? q : null, typing);
    busy(true);
    if (text && !index) statusBox.textContent = _("Loading the search index…");
    return Promise.all([place, pending]).then(function () { if (gen === generation) return compute(text ? q : null, typing); }, function (error) {
      if (gen !== generation) return;
      busy(false);
      statusBox.textContent = "";
      failed(place && !coords ? _("services' places") : _("search index"), error, function () { update(typing); });
    });
  }

  function compute(q, typing) {
    var scores = q === null ? null : textScores(q, typing);
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
    var candidates = scores ? Array.from(scores.keys()) : null;  // with words, only the rows they found
    var count = candidates ? candidates.length : table.count;
    for (var n = 0; n < count; n++) {
      var i = candidates ? candidates[n] : n;
      var info = null;
      if (location_) { info = placeInfo(i, radius); if (!info) continue; }
      var codesBy = [], failed_ = -1, fails = 0;
      for (var f = 0; f < facets.length; f++) {
        var codes = facets[f].rowCodes[i];
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
      results.push({ i: i, score: scores ? scores.get(i) : 0, place: info, covers: info ? info.covers : true });
    }
    facets.forEach(function (facet, k) {
      facet.counts = facet.options.map(function (o) { return base[k] + (extra[k][o.code] || 0); });
    });
    sortResults(results, scores);
    lastResults = results;
    lastRelaxed = relaxed;
    lastScores = scores;
    mark("hub-search-done");
    drawCounts();
    drawStatus(results);
    return show();
  }

  /* Draw the first `shown` results once their details (name, summary, contacts) are here. */
  function show() {
    var gen = generation;
    var pending = needDetails(lastResults.slice(0, shown).map(function (r) { return r.i; }));
    if (!pending) {
      busy(false);
      drawResults(lastResults, lastRelaxed, lastScores);
      return Promise.resolve();
    }
    busy(true);
    return pending.then(function () {
      if (gen !== generation) return;
      busy(false);
      drawResults(lastResults, lastRelaxed, lastScores);
    }, function (error) {
      if (gen !== generation) return;
      busy(false);
      failed("results", error, show);
    });
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
    var sort = effectiveSort(scores);
    var compare = {
      relevance: function (a, b) { return b.score - a.score || a.i - b.i; },
      distance: function (a, b) {
        return T.overdue[a.i] - T.overdue[b.i] || (a.place.miles - b.place.miles) || a.i - b.i;
      },
      name: function (a, b) { return a.i - b.i; },
      reviewed: function (a, b) {
        var x = T.reviewed[a.i], y = T.reviewed[b.i];
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

  /* The status line says how many results there are: at once, before their details are here. */
  function drawStatus(results) {
    var covering = 0;
    results.forEach(function (r) { if (r.covers) covering++; });
    var key = statusText(results.length, covering);
    if (statusBox.textContent !== key) statusBox.textContent = key;
    return covering;
  }

  function drawResults(results, relaxed, scores) {
    var covering = drawStatus(results);
    var others = results.length - covering;
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
    var name = inPage(row, D.name).text;
    if (row[D.phone]) add(telURI(row[D.phone]), row[D.phone], fill(_("Phone {name}: {number}"), { name: name, number: row[D.phone] }));
    if (row[D.email]) add("mailto:" + row[D.email], row[D.email], fill(_("E-mail {name}: {address}"), { name: name, address: row[D.email] }));
    if (row[D.website] && /^https?:\/\//i.test(row[D.website])) {
      add(row[D.website], full ? row[D.website] : _("Website"), full ? "" : fill(_("Website of {name}"), { name: name }));
    }
    return p;
  }

  /*
   * A listing's name (D.name) or summary (D.summary) as this page shows it, {text, lang}: on the Welsh page its
   * Welsh version where it has one (D.cy, in a hub with Welsh), else its own text; `lang` is set where the
   * text's language is not the page's (the listing's name_language / text_language; untagged text is English).
   */
  function inPage(row, field) {
    var which = field === D.name ? 0 : 1;
    var welsh = PAGE_LANG === "cy" && row[D.cy] ? row[D.cy][which] : "";
    if (welsh) return { text: welsh, lang: "" };
    var lang = (row[D.langs] || [])[which] || "en";
    return { text: row[field], lang: lang !== PAGE_LANG ? lang : "" };
  }

  /* 20260914 -> "2026-09-14" (table.json keeps review dates as numbers). */
  function isoDate(n) { var t = String(n); return t.slice(0, 4) + "-" + t.slice(4, 6) + "-" + t.slice(6, 8); }

  function card(i, place, kind) {
    var row = detail(i);
    var li = el("li", "hub-card hub-result");
    li.setAttribute("data-slug", row[D.slug]);
    // Results follow the h1; shortlist cards, and results under the "do not cover" heading, follow an h2.
    var h = el(kind === "result" && !(place && !place.covers) ? "h2" : "h3", "hub-card__title");
    var name = inPage(row, D.name), text = inPage(row, D.summary);  // Welsh text on the Welsh page where there is some
    var a = el("a", "", name.text);
    a.href = serviceURL(row[D.slug]);
    if (name.lang) a.lang = name.lang;
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", "hub-card__org", row[D.org]));
    var summary = el("p", "hub-card__summary", text.text);
    if (text.lang) summary.lang = text.lang;
    li.appendChild(summary);
    if (place) {
      li.setAttribute("data-covers", place.covers ? "yes" : "no");
      li.appendChild(el("p", "hub-card__where", place.reason + " · " +
                        (place.miles < Infinity ? fill(_("nearest site {distance} away"), { distance: miles(place.miles) }) : _("no site with a known location"))));
    }
    var types = T.types[i].map(function (t) { return table.vocab.service_types[t][1]; }).join(", ");
    li.appendChild(el("p", "hub-card__meta", types + (T.overdue[i] ? " · " + fill(_("details last checked {date}"), { date: isoDate(T.reviewed[i]) }) : "")));
    if (kind === "full") {
      var addresses = el("ul", "hub-card__addresses");
      row[D.addresses].forEach(function (text) { if (text) addresses.appendChild(el("li", "", text)); });
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
    var slug = row[D.slug], name = inPage(row, D.name).text;
    var on = shortlist().indexOf(slug) >= 0;
    var b = el("button", "md-button hub-shortlist-toggle");
    b.type = "button";
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.appendChild(doc.createTextNode(on ? _("In shortlist") : _("Add to shortlist")));
    b.appendChild(el("span", "md-visually-hidden", ": " + name));
    b.addEventListener("click", function () {
      var slugs = shortlist().slice(), at = slugs.indexOf(slug);
      if (at >= 0) slugs.splice(at, 1); else slugs.push(slug);
      saveShortlist(slugs);
      drawShortlist();
      var said = { name: name };
      loadSlugs().then(function () {
        said.count = countOf(slugs);
        announce(fill(at >= 0 ? _("Removed {name} from your shortlist ({count}).") : _("Added {name} to your shortlist ({count})."), said));
      }, function () {
        announce(fill(at >= 0 ? _("Removed {name} from your shortlist.") : _("Added {name} to your shortlist."), said));
      });
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
    var n = slugs.filter(function (s) { return rowBySlug && rowBySlug.has(s); }).length;
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

  /*
   * A list of services by slug (the shortlist, a shared one): the slugs and the details of its rows are
   * fetched first when not here yet. Returns a Promise of the list drawn.
   */
  function drawList(box, slugs, title, actions) {
    if (!slugs.length) { drawListNow(box, [], title, actions); return Promise.resolve(); }
    function draw() {
      var known = slugs.filter(function (s) { return rowBySlug.has(s); });
      return when(needDetails(known.map(function (s) { return rowBySlug.get(s); })), function () {
        drawListNow(box, known, title, actions);
      });
    }
    return (rowBySlug ? draw() : loadSlugs().then(draw)).catch(function (error) {
      failed("shortlist", error, function () { drawList(box, slugs, title, actions); });
    });
  }

  function drawListNow(box, known, title, actions) {
    box.textContent = "";
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
        var name = inPage(detail(rowBySlug.get(slug)), D.name).text;
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
    return drawList(shortlistBox, shortlist(), _("Your shortlist"), function (bar, known) {
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
    if (!text) return Promise.resolve();
    var seen = new Set();
    text.slice(0, MAX_SHARED * (MAX_SLUG + 1)).split(",").forEach(function (s) {
      if (s && s.length <= MAX_SLUG && seen.size < MAX_SHARED) seen.add(s);
    });
    var slugs = Array.from(seen);
    return drawList(sharedBox, slugs, _("Shortlist shared with you"), function (bar, known) {
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

  /* The page as the address describes it; resolves once its results (and any shared list) are drawn. */
  function restore() {
    applyParams(new URLSearchParams(global.location.search));
    shown = PAGE_SIZE;
    return Promise.all([drawShared(), resolvePlace().then(function () { return update(false); })]);
  }

  function start(data) {
    mark("hub-results-loaded");
    if (PAGE_LANG === "cy" && data.vocab_cy) {  // the Welsh page names the terms in Welsh (table.py vocab_cy)
      Object.keys(data.vocab).forEach(function (category) {
        data.vocab[category].forEach(function (term, i) { if (data.vocab_cy[category][i]) term[1] = data.vocab_cy[category][i]; });
      });
    }
    table = data;
    T = data.columns;
    data.las.forEach(function (la, i) { laByCode.set(la[0], i); });
    facets = makeFacets();
    facets.forEach(function (facet) {  // each row's codes per facet, once: every search counts them all
      facet.rowCodes = [];
      for (var i = 0; i < data.count; i++) facet.rowCodes.push(facet.codes(i));
    });
    drawFacets();
    var saved = drawShortlist();
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
      show().then(function () {
        var next = root.querySelectorAll(".hub-find__results > li")[first];
        if (next) next.querySelector("a").focus();
      });
    });
    global.addEventListener("popstate", restore);
    global.addEventListener("afterprint", function () { doc.documentElement.classList.remove("hub-print-shortlist"); });
    global.addEventListener("storage", function (event) { if (event.key === STORE) { memoryShortlist = null; drawShortlist(); } });
    return Promise.all([saved, restore()]).then(function () {
      root.setAttribute("data-ready", "true");
      if (!index) setTimeout(loadIndex, 0);  // fetched once the first results are on screen, for the first keystroke
    });
  }

  /*
   * For tests and the curious: the engine as built here, and the search a typed query runs (text, with
   * typing=true as on each keystroke) giving slugs in the order "Best match" shows them.
   */
  function scored(text, typing) {
    return loadIndex().then(function (ix) { return ix.search(text, typing); }).then(function (scores) {
      return loadSlugs().then(function () { return scores; });
    });
  }
  global.HubSearch = {
    index: function () { return index; }, words: words,
    /* A Promise of the slugs in "Best match" order, or of null when the text has no words to search for. */
    ranked: function (text, typing) {
      return scored(text, typing).then(function (scores) {
        var refs = engine.order(scores);
        return refs === null ? null : refs.map(function (i) { return slugList[i]; });
      });
    },
    /* A Promise of slug -> score (null without words): what "Best match" orders by. */
    scores: function (text, typing) {
      return scored(text, typing).then(function (scores) {
        if (scores === null) return null;
        var out = {};
        scores.forEach(function (score, i) { out[slugList[i]] = score; });
        return out;
      });
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
    getJSON("table.json").then(start).catch(function (error) {
      statusBox.textContent = "";
      failed(_("directory"), error, load);
    });
  }
  if (words(new URLSearchParams(global.location.search).get(TEXT_PARAM)).length) loadIndex();  // in parallel
  load();
})(window);
