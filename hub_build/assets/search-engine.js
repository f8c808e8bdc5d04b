/*
 * The directory search page's text engine: one text pipeline for listings and for what a person types.
 *
 * Why it is like this: a listing must be indexed under exactly the terms a query is turned into, or some
 * words become unfindable (lunr.py and lunr.js stem some English words differently: "play"). So the build
 * ships the listings' text, not terms (hub_build/publish/search/index.py), and every piece of text, a listing's or a
 * query's, goes through `terms` below: the same split, the same stop words and the same stemmer (lunr.js's,
 * remembered per word). Ranking is lunr's: its BM25 field vectors (k1 1.2, b 0.75, field and document boosts)
 * and its Index.query for the exact, prefix and one-slip clauses. A query whose words are exactly a
 * listing's name puts that listing first.
 */
(function (global) {
  "use strict";

  var lunr = global.lunr;
  if (!lunr) return;

  var MAX_WORDS = 12;   // of a query: longer ones are cut, never refused
  var MAX_WORD = 40;    // characters of one word, on both sides
  var EXACT_NAME = 1e6; // added to the score of a listing whose name is the whole query
  var K1 = 1.2, B = 0.75;
  var SPLIT = /[^\p{L}\p{N}']+/u;

  /* Words of any text, lower case, letters and digits only (so lunr's query syntax never applies), no stop words. */
  function words(text, limit) {
    var found = String(text || "").toLowerCase().split(SPLIT);
    var out = [], max = limit || Infinity;
    for (var i = 0; i < found.length && out.length < max; i++) {
      var w = found[i].replace(/^'+|'+$/g, "").slice(0, MAX_WORD);
      if (w && lunr.stopWordFilter(w) !== undefined) out.push(w);
    }
    return out;
  }

  var stems = new Map();
  /* lunr.js's Porter stemmer, remembered: listings repeat a few thousand words many times. */
  function stem(word) {
    var s = stems.get(word);
    if (s === undefined) {
      s = lunr.stemmer(new lunr.Token(word)).toString();
      stems.set(word, s);
    }
    return s;
  }

  /* The index terms of any text: what a listing is indexed under and what a typed word is looked up as. */
  function terms(text, limit) { return words(text, limit).map(stem); }

  /* ---- Welsh (welsh.js): fields marked "cy" in index.json hold Welsh text, indexed under every radical each
   * word may be a mutation of; a typed word is also looked up, in those fields only, under its radicals. ---- */
  var cymraeg = global.HubWelsh;
  function welshTerms(text) {
    var out = [];
    words(text).forEach(function (token) {
      cymraeg.parts(token).forEach(function (w) { cymraeg.radicals(w).forEach(function (r) { out.push(stem(r)); }); });
    });
    return out;
  }
  function welshClauses(q, w, prefix, fields) {
    var found = [];
    cymraeg.parts(w).forEach(function (part) {
      cymraeg.radicals(part).forEach(function (r) { if (r !== w && found.indexOf(r) < 0) found.push(r); });
    });
    found.forEach(function (r) {  // below the word as typed (boost 10): a mutation read back is a guess
      q.term(r, { fields: fields, boost: 5 });
      if (prefix) q.term(r, { fields: fields, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
    });
  }
  /* ---- end of Welsh ---- */

  /* The words of a name, as a key: a query with exactly these words is that name. */
  function nameKey(text) { return words(text, MAX_WORDS).join(" "); }

  /*
   * A lunr.Index over the listings. `docs` is one array of field texts per listing, in `fields` order
   * ([name, boost] pairs); `boosts` lists [listing, document boost] for the few that are not 1.
   * Vectors are built term by term so each vector's elements come out in index order, as lunr.Vector needs.
   */
  function build(fields, docs, boosts, names) {
    var n = docs.length, nf = fields.length, f, d, k, t;
    var boost = new Float64Array(n).fill(1);
    boosts.forEach(function (b) { boost[b[0]] = b[1]; });
    var lengths = fields.map(function () { return new Float64Array(n); });
    // Term ids in first-seen order; per term and field, the documents (ascending, as they are added) and counts.
    var ids = new Map(), termOf = [], postDocs = [], postCounts = [];
    var local = new Map();
    for (d = 0; d < n; d++) {
      for (f = 0; f < nf; f++) {
        var ts = fields[f][2] === "cy" && cymraeg ? welshTerms(docs[d][f]) : terms(docs[d][f]);
        lengths[f][d] = ts.length;
        local.clear();
        for (k = 0; k < ts.length; k++) local.set(ts[k], (local.get(ts[k]) || 0) + 1);
        local.forEach(function (count, term) {
          var id = ids.get(term);
          if (id === undefined) {
            id = termOf.length;
            ids.set(term, id);
            termOf.push(term);
            for (var g = 0; g < nf; g++) { postDocs.push(null); postCounts.push(null); }
          }
          var slot = id * nf + f;
          if (!postDocs[slot]) { postDocs[slot] = []; postCounts[slot] = []; }
          postDocs[slot].push(d);
          postCounts[slot].push(count);
        });
      }
    }
    var average = lengths.map(function (len) {
      var total = 0;
      for (var i = 0; i < n; i++) total += len[i];
      return n ? total / n : 0;
    });
    var elements = [];
    for (f = 0; f < nf; f++) { elements.push([]); for (d = 0; d < n; d++) elements[f].push([]); }
    var invertedIndex = Object.create(null), empty = {};
    // Vectors need their elements in ascending term index: terms are taken in id order, and _index is the id.
    for (t = 0; t < termOf.length; t++) {
      var posting = { _index: t };
      for (f = 0; f < nf; f++) {
        var docsOf = posting[fields[f][0]] = {}, list = postDocs[t * nf + f];
        if (list) for (k = 0; k < list.length; k++) docsOf[list[k]] = empty;
      }
      invertedIndex[termOf[t]] = posting;
      var idf = lunr.idf(posting, n);
      for (f = 0; f < nf; f++) {
        var docsIn = postDocs[t * nf + f], counts = postCounts[t * nf + f];
        if (!docsIn) continue;
        var fieldBoost = fields[f][1], len = lengths[f], avg = average[f];
        for (k = 0; k < docsIn.length; k++) {
          var doc = docsIn[k], tf = counts[k];
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (len[doc] / avg)) + tf) * fieldBoost * boost[doc];
          elements[f][doc].push(t, Math.round(score * 1000) / 1000);
        }
      }
    }
    var sorted = termOf.slice().sort();
    var fieldVectors = {};
    for (f = 0; f < nf; f++) {
      for (d = 0; d < n; d++) fieldVectors[fields[f][0] + "/" + d] = new lunr.Vector(elements[f][d]);
    }
    var pipeline = new lunr.Pipeline();
    pipeline.add(lunr.stemmer);  // lunr's own query path stems each clause's term: the same stemmer as `stem`
    var index = new lunr.Index({
      invertedIndex: invertedIndex, fieldVectors: fieldVectors, fields: fields.map(function (x) { return x[0]; }),
      pipeline: pipeline, tokenSet: lunr.TokenSet.fromArray(sorted)
    });
    var byName = new Map();
    names.forEach(function (name, i) {
      var key = nameKey(name);
      if (!key) return;
      if (!byName.has(key)) byName.set(key, []);
      byName.get(key).push(i);
    });
    var welsh = cymraeg ? fields.filter(function (x) { return x[2] === "cy"; }).map(function (x) { return x[0]; }) : [];
    return { index: index, byName: byName, count: n, welsh: welsh.length ? welsh : null };
  }

  function run(engine, clauses) {
    var scores = new Map();
    try {
      engine.index.query(clauses).forEach(function (hit) { scores.set(Number(hit.ref), hit.score); });
    } catch (e) {
      return new Map();
    }
    return scores;
  }

  /*
   * Listing number -> score for typed text, or null when it has no words to search for (only stop words,
   * say: then nothing is filtered out). Every word must match: as typed, stemmed; the last also as a
   * prefix while typing; a longer word with one slip when it matches nothing as typed.
   */
  function scores(engine, text, typing) {
    var ws = words(text, MAX_WORDS), welsh = engine.welsh;
    if (welsh) ws = ws.filter(function (w) { return !cymraeg.isStop(w); });
    if (!ws.length) return null;
    var total = null;
    ws.forEach(function (w, i) {
      var prefix = i === ws.length - 1 && typing !== false && w.length >= 2;
      var found = run(engine, function (q) {
        q.term(w, { boost: 10 });
        if (prefix) q.term(w, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
        if (welsh) welshClauses(q, w, prefix, welsh);
      });
      // One slip allowed in longer words, only when the word as typed finds nothing: fuzzy matching is the
      // costly part of a query, and exact matches rank better anyway.
      if (!found.size && w.length >= 5) {
        found = run(engine, function (q) { q.term(w, { editDistance: 1, boost: 1 }); });
      }
      if (total === null) { total = found; return; }
      var both = new Map();
      total.forEach(function (score, ref) { if (found.has(ref)) both.set(ref, score + found.get(ref)); });
      total = both;
    });
    (engine.byName.get(nameKey(text)) || []).forEach(function (ref) {
      if (total.has(ref)) total.set(ref, total.get(ref) + EXACT_NAME);
    });
    return total;
  }

  /* Listing numbers in relevance order (best score first, then the table's own order, by name). */
  function ranked(engine, text, typing) {
    var s = scores(engine, text, typing);
    if (s === null) return null;
    return Array.from(s.keys()).sort(function (a, b) { return s.get(b) - s.get(a) || a - b; });
  }

  global.HubSearchEngine = { words: words, terms: terms, stem: stem, nameKey: nameKey, build: build,
                             scores: scores, ranked: ranked, MAX_WORDS: MAX_WORDS };
})(window);
