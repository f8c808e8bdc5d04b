/*
 * The search box on every page: services, resources, practice examples, events and pages, from the site's
 * own Pagefind index (written by hub_build/publish/search/sitewide.py), plus "services near ..." when what is typed
 * is a postcode or a place (resolved by geo.js from the site's own geo data).
 *
 * Why Pagefind and not Material's search: Material downloads its whole index before the first result, which
 * grows with every listing; Pagefind downloads only the index chunks for the words typed and the fragments
 * of the results shown (bench/README.md). Nothing typed leaves the site: every file comes from this origin.
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

  var engine = null, seq = 0, placeTimer = 0, placeSeq = 0;

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

  var geo = null;
  function loadGeo() {
    if (global.HubGeo) return Promise.resolve(global.HubGeo);
    if (!geo) {
      geo = new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = siteURL("data-geo-script").href;
        script.onload = function () { resolve(global.HubGeo); };
        script.onerror = function () { geo = null; reject(new Error("geo.js did not load")); };
        doc.head.appendChild(script);
      });
    }
    return geo;
  }

  /* Results as data, for the box and for tests and benchmarks: [{url, title, kind, org, excerpt}]. */
  function search(text) {
    return loadEngine().then(function (pagefind) {
      // In a hub with Welsh (welsh.js), Pagefind, which matches words as written, also searches each Welsh
      // mutation of the words, in the records with Welsh text only; each record keeps its best score.
      var queries = global.HubWelsh ? global.HubWelsh.variants(text, 8) : [text];
      return Promise.all(queries.map(function (q, i) {
        return i ? pagefind.search(q, { filters: { lang: "cy" } }) : pagefind.search(q);
      })).then(function (all) {
        if (all.length === 1) return all[0];
        var best = new Map();
        all.forEach(function (found) {
          ((found && found.results) || []).forEach(function (r) {
            if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
          });
        });
        return { results: Array.from(best.values()).sort(function (a, b) { return b.score - a.score; }) };
      });
    }).then(function (found) {
      var results = (found && found.results) || [];
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        return { total: results.length, results: data.map(function (d) {
          var meta = d.meta || {};
          return { url: d.url, title: meta.title || d.url, kind: meta.kind || _("Page"), org: meta.org || "", excerpt: d.excerpt || "" };
        }) };
      });
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
      article.appendChild(el("p", "hub-sitesearch__title", r.title));
      if (r.org) article.appendChild(el("p", "hub-sitesearch__org", r.org));
      article.appendChild(excerpt(r.excerpt));
      a.appendChild(article);
      li.appendChild(a);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    var n = found.total;
    var values = { count: n, text: text, shown: SHOWN };
    status.textContent = fill(!n ? _("No results for “{text}”.") : n === 1 ? _("1 result for “{text}”.")
      : n > SHOWN ? _("{count} results for “{text}”, the first {shown} shown.") : _("{count} results for “{text}”."), values);
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

  input.addEventListener("focus", function () { open(); loadEngine(); });
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
