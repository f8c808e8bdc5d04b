/*
 * The search box on every page: services from the directory's own text index (the one /find/ uses:
 * search-engine.js over search-data/text/, then the details of the services shown), and resources, practice
 * examples, events and pages from the site's Pagefind index (hub_build/publish/search/sitewide.py), plus
 * "services near ..." when what is typed is a postcode or a place (resolved by geo.js from the site's own data).
 *
 * Why two engines: Material downloads its whole index before the first result, which grows with every
 * listing; Pagefind downloads only the chunks for the words typed, but with every listing in it, it scored
 * every matching page before returning ten (minutes at 100,000 listings). The directory's index fetches the
 * shards of the words typed and ranks in the page; Pagefind keeps the few hundred pages. Both are fetched
 * only when the box is used. Nothing typed leaves the site: every file comes from this origin.
 * Listing text is put into the page as text (excerpts keep only Pagefind's <mark>s), never as HTML.
 *
 * Accessible by design: a labelled search field, results announced in a status region, ArrowDown/ArrowUp
 * move between the results, Escape closes, "/" focuses the box from anywhere.
 */
(function (global) {
  "use strict";
  /* The hub's words in the page's language (assets/hub/messages.js, from hub_build/locale); English as written. */
  function _(text) {
    var words = global.hubMessages;
    return words && Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? String(values[name]) : all; });
  }

  var doc = global.document;
  var box = doc.querySelector("[data-hub-sitesearch]");
  if (!box) return;
  var input = doc.getElementById("hub-sitesearch-q");
  var form = box.querySelector("form");
  var status = doc.getElementById("hub-sitesearch-status");
  var offers = doc.getElementById("hub-sitesearch-offers");
  var list = doc.getElementById("hub-sitesearch-results");
  var toggle = doc.getElementById("__search");
  var SHOWN = 10, MAX_QUERY = 200, PLACE_WAIT = 250;

  function siteURL(attribute) { return new URL(box.getAttribute(attribute), doc.baseURI); }
  var engineURL = siteURL("data-pagefind");
  var root = new URL("../", engineURL);
  var findURL = siteURL("data-find");
  if (engineURL.origin !== global.location.origin) return;  // never load code from elsewhere

  var engine = null, seq = 0, placeTimer = 0, placeSeq = 0, directory = null, chunks = new Map();
  var dataURL = siteURL("data-search-data"), serviceURL = box.getAttribute("data-service-url");

  function loadEngine() {
    if (!engine) {
      engine = import(engineURL.href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
      engine.catch(function () { engine = null; });  // a failed download may be retried by typing again
    }
    return engine;
  }

  /* A script of this site, added once (a failed one may be tried again). */
  var scripts = new Map();
  function loadScript(url) {
    if (!scripts.has(url)) {
      scripts.set(url, new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () { scripts.delete(url); reject(new Error(url + " did not load")); };
        doc.head.appendChild(script);
      }));
    }
    return scripts.get(url);
  }

  function loadGeo() {
    if (global.HubGeo) return Promise.resolve(global.HubGeo);
    return loadScript(siteURL("data-geo-script").href).then(function () { return global.HubGeo; });
  }

  function getJSON(path) {
    var url = new URL(path, dataURL);
    if (url.origin !== global.location.origin) return Promise.reject(new Error("search data must come from this site"));
    return global.fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("could not load " + path + " (HTTP " + response.status + ")");
      return response.json();
    });
  }

  /* The directory's text index (search-engine.js with lunr.js's stemmer, then its manifest). */
  function loadDirectory() {
    if (!directory) {
      var lunr = global.lunr ? Promise.resolve() : loadScript(siteURL("data-lunr").href);
      directory = lunr.then(function () {
        return global.HubSearchEngine ? null : loadScript(siteURL("data-engine").href);
      }).then(function () {
        return getJSON("text/index.json");
      }).then(function (manifest) {
        return new global.HubSearchEngine.Searcher(manifest, function (name) { return getJSON("text/" + name); });
      });
      directory.catch(function () { directory = null; });
    }
    return directory;
  }

  /* The details (slug, name, organisation, summary, ...) of rows: hub_build/publish/search/table.py DETAILS. */
  function details(rows, size) {
    return Promise.all(rows.map(function (i) {
      var k = Math.floor(i / size);
      if (!chunks.has(k)) {
        var p = getJSON("details/" + k + ".json");
        p.catch(function () { chunks.delete(k); });
        chunks.set(k, p);
      }
      return chunks.get(k).then(function (rows_) { return rows_[i % size]; });
    }));
  }

  /*
   * A listing's name (which 0) or summary (1) as this page shows it, {text, lang}: on a page in Welsh its Welsh
   * version where it has one (details' last field in a hub with Welsh), else its own text; `lang` is set where
   * the text's language is not the page's (untagged listing text is English).
   */
  var PAGE_LANG = doc.documentElement.lang || "en";
  function shown(d, which) {
    var welsh = PAGE_LANG === "cy" && d[9] ? d[9][which] : "";
    if (welsh) return { text: welsh, lang: "" };
    var lang = (d[7] || [])[which] || "en";
    return { text: which ? d[3] : d[1], lang: lang !== PAGE_LANG ? lang : "" };
  }

  /* Services for the text: {total, exact, results} in the directory's own "Best match" order. */
  function searchServices(text) {
    return loadDirectory().then(function (searcher) {
      return searcher.search(text, true).then(function (scores) {
        var ranked = global.HubSearchEngine.order(scores) || [];
        return details(ranked.slice(0, SHOWN), searcher.manifest.chunk).then(function (rows) {
          return { total: ranked.length, exact: ranked.length > 0 && scores.get(ranked[0]) >= 1e6, results: rows.map(function (d) {
            var name = shown(d, 0), summary = shown(d, 1);
            return { url: new URL(serviceURL.replace("{slug}", encodeURIComponent(d[0])), doc.baseURI).href,
                     title: name.text, titleLang: name.lang, kind: _("Service"), org: d[2], summary: summary.text,
                     summaryLang: summary.lang };
          }) };
        });
      });
    });
  }

  /* Pages, resources, practice examples and events for the text (Pagefind): {total, results}. */
  function searchPages(text) {
    return loadEngine().then(function (pagefind) {
      // Pages as written: Welsh mutations of typed words are searched in the services' Welsh fields, where
      // the directory's index knows which text is Welsh (search-engine.js, welsh.js).
      return pagefind.search(text);
    }).then(function (found) {
      var results = (found && found.results) || [];
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        return { total: results.length, results: data.map(function (d) {
          var meta = d.meta || {};
          return { url: d.url, title: meta.title || d.url, kind: meta.kind || _("Page"), org: "", excerpt: d.excerpt || "" };
        }) };
      });
    });
  }

  /*
   * Results as data, for the box and for tests and benchmarks: {total, results: [{url, title, kind, org,
   * excerpt (Pagefind's HTML) or summary (text)}], failed: what could not be searched}. A service whose
   * name is the query comes first; then pages and services alternate, each in its own engine's order.
   */
  function search(text) {
    function settle(p) { return p.then(function (v) { return v; }, function () { return null; }); }
    return Promise.all([settle(searchServices(text)), settle(searchPages(text))]).then(function (both) {
      var services = both[0], pages = both[1];
      if (!services && !pages) throw new Error("the search could not load");
      var s = services ? services.results.slice() : [], p = pages ? pages.results.slice() : [], out = [];
      if (services && services.exact) out.push(s.shift());
      while (out.length < SHOWN && (s.length || p.length)) {
        if (p.length) out.push(p.shift());
        if (s.length && out.length < SHOWN) out.push(s.shift());
      }
      return { total: (services ? services.total : 0) + (pages ? pages.total : 0), results: out,
               failed: !services ? _("services") : !pages ? _("pages") : "" };
    });
  }

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Pagefind's excerpt is HTML with <mark> around matches: keep the marks, everything else as plain text. */
  function excerpt(html) {
    var p = el("p", "hub-sitesearch__excerpt");
    var parsed = new global.DOMParser().parseFromString("<body>" + html, "text/html");  // inert: nothing runs
    Array.prototype.forEach.call(parsed.body.childNodes, function (node) {
      p.appendChild(node.nodeName === "MARK" ? el("mark", "", node.textContent) : doc.createTextNode(node.textContent));
    });
    return p;
  }

  function draw(text, found) {
    list.textContent = "";
    var frag = doc.createDocumentFragment();
    found.results.forEach(function (r) {
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link hub-sitesearch__link");
      a.href = new URL(r.url, global.location.href).href;
      var article = el("article", "md-search-result__article md-typeset");
      article.appendChild(el("p", "hub-sitesearch__kind", r.kind));
      var title = article.appendChild(el("p", "hub-sitesearch__title", r.title));
      if (r.titleLang) title.lang = r.titleLang;
      if (r.org) article.appendChild(el("p", "hub-sitesearch__org", r.org));
      var summary = article.appendChild(r.summary !== undefined ? el("p", "hub-sitesearch__excerpt", r.summary) : excerpt(r.excerpt));
      if (r.summaryLang) summary.lang = r.summaryLang;
      a.appendChild(article);
      li.appendChild(a);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    var n = found.total;
    var values = { count: n, text: text, shown: SHOWN, what: found.failed };
    status.textContent = fill(!n ? _("No results for “{text}”.") : n === 1 ? _("1 result for “{text}”.")
      : n > SHOWN ? _("{count} results for “{text}”, the first {shown} shown.") : _("{count} results for “{text}”."), values) +
      (found.failed ? " " + fill(_("The {what} could not be searched just now: type again to retry."), values) : "");
  }

  function offer(href, text, kind) {
    var li = el("li", "hub-sitesearch__offer");
    li.setAttribute("data-offer", kind);
    var a = el("a", "hub-sitesearch__link", text);
    a.href = href;
    li.appendChild(a);
    return li;
  }

  /* Links to the directory search page: the words as a search, and (once resolved) the place. */
  function drawOffers(text, place) {
    offers.textContent = "";
    if (place) {
      var near = new URL(findURL.href);
      near.searchParams.set("place", text);
      offers.appendChild(offer(near.href, fill(_("Services near {place}"), { place: place.label }), "place"));
    }
    var what = new URL(findURL.href);
    what.searchParams.set("what", text);
    offers.appendChild(offer(what.href, fill(_("Search the directory of services for “{text}”"), { text: text }), "what"));
  }

  function checkPlace(text) {
    clearTimeout(placeTimer);
    if (text.length > 60 || text.split(/\s+/).length > 4) return;
    placeTimer = setTimeout(function () {
      var mine = ++placeSeq;
      loadGeo().then(function (HubGeo) {
        return HubGeo.resolve(text, { base: siteURL("data-geo").href });
      }).then(function (found) {
        if (mine !== placeSeq || text !== offered || !found || found.notFound) return;
        drawOffers(text, found);
      }, function () { /* no place offer when the geo data cannot load; the text results stand */ });
    }, PLACE_WAIT);
  }

  /*
   * One search at a time: while one runs, keystrokes only note that the text changed, and the latest text is
   * searched when it returns. No fixed delay when typing slowly, and no queue of stale searches when fast.
   */
  var busy = false, again = false, offered = "";
  function run() {
    var text = input.value.trim().slice(0, MAX_QUERY);
    var mine = ++seq;
    if (!text) {
      offered = "";
      offers.textContent = "";
      list.textContent = "";
      status.textContent = _("Type to search services, resources, practice examples, events and pages.");
      return;
    }
    if (text !== offered) {  // a new text: new offers (the place is looked up again after a pause)
      offered = text;
      drawOffers(text, null);
      checkPlace(text);
    }
    if (busy) { again = true; return; }
    busy = true;
    search(text).then(function (found) {
      if (mine === seq) draw(text, found);
    }, function () {
      if (mine === seq) status.textContent = _("The search could not load. Check your connection and type again, or use the directory search.");
    }).then(function () {
      busy = false;
      if (again) { again = false; run(); }
    });
  }

  function open() { if (toggle && !toggle.checked) toggle.checked = true; }
  function close() { if (toggle) toggle.checked = false; }

  function links() { return Array.prototype.slice.call(box.querySelectorAll(".hub-sitesearch__link")); }

  input.addEventListener("focus", function () { open(); loadEngine(); loadDirectory(); });
  input.addEventListener("input", function () { open(); run(); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  form.addEventListener("submit", function (event) {
    // Enter: services near the place when it is one, else the best result, else the directory search.
    var first = offers.querySelector("[data-offer=place] a") || list.querySelector("a") || offers.querySelector("a");
    if (first && input.value.trim()) { event.preventDefault(); global.location.href = first.href; }
  });
  box.addEventListener("keydown", function (event) {
    var all = links(), at = all.indexOf(doc.activeElement);
    if (event.key === "Escape") { close(); input.focus(); event.preventDefault(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    if (!all.length) return;
    event.preventDefault();
    if (event.key === "ArrowDown") (all[at + 1] || all[0]).focus();
    else if (at <= 0) input.focus();
    else all[at - 1].focus();
  });
  doc.addEventListener("keydown", function (event) {
    var t = event.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });

  global.HubSiteSearch = { search: search };
})(window);
