/*
 * The directory's text engine: one text pipeline for listings and for what a person types, run by the build
 * (in V8, through mini-racer: hub_build/publish/search/textindex.py) and by the browser.
 *
 * Why it is like this: a listing must be indexed under exactly the terms a query is turned into, or some
 * words become unfindable (lunr.py and lunr.js stem some English words differently: "play"). So every piece
 * of text, a listing's at build time or a query's in the browser, goes through `terms` below: the same split,
 * the same stop words and the same stemmer (lunr.js's), from this one file.
 *
 * Why the build computes the postings: building an index from the text of 10,000 listings in the browser
 * meant downloading all of that text and a second or more of work before the first result. Now the build
 * runs `postings` here and writes them in shards by term prefix (textindex.py); the page fetches only the
 * shards of the words typed (`Searcher` below) and scores them as lunr's Index.query did: BM25 field vectors
 * (k1 1.2, b 0.75, field and document boosts), exact, prefix and one-slip clauses, summed over the words.
 * A query whose words are exactly a listing's name puts that listing first.
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
  var EXACT = 10, PREFIX = 2, FUZZY = 1;  // clause boosts, as the lunr queries had them
  var WELSH_EXACT = 5, WELSH_PREFIX = 1;  // a Welsh radical read back from a mutation: below the word as typed

  /* Words of any text, lower case, letters and digits only, no stop words. */
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

  /* ---- Welsh (welsh.js): fields marked "cy" hold Welsh text, indexed under every radical each word may be a
   * mutation of; a typed word is also looked up, in those fields only, under its radicals. ---- */
  function cymraeg() { return global.HubWelsh; }
  function welshTerms(text) {
    var out = [];
    words(text).forEach(function (token) {
      cymraeg().parts(token).forEach(function (w) { cymraeg().radicals(w).forEach(function (r) { out.push(stem(r)); }); });
    });
    return out;
  }
  /* The radicals a typed word may be a mutation of (not the word itself). */
  function welshRadicals(w) {
    var found = [];
    cymraeg().parts(w).forEach(function (part) {
      cymraeg().radicals(part).forEach(function (r) { if (r !== w && found.indexOf(r) < 0) found.push(r); });
    });
    return found;
  }
  /* ---- end of Welsh ---- */

  /* The words of a name, as a key: a query with exactly these words is that name. */
  function nameKey(text) { return words(text, MAX_WORDS).join(" "); }

  /*
   * The build's side: postings for every term. `docs` is one array of field texts per listing, in `fields`
   * order ([name, boost] pairs); `boosts` lists [listing, document boost] for the few that are not 1.
   * Returns {terms: {term: [per field: [listing, score x 1000, listing, score x 1000, ...] or 0]},
   * names: [[name key, term of its first word, [listings]]]}. Scores are lunr's BM25 field-vector elements,
   * rounded as lunr rounds them (3 decimals), so a query's score is lunr's.
   */
  function postings(fields, docs, boosts, names) {
    var n = docs.length, nf = fields.length, f, d, k;
    var boost = new Float64Array(n).fill(1);
    boosts.forEach(function (b) { boost[b[0]] = b[1]; });
    var lengths = fields.map(function () { return new Float64Array(n); });
    var byTerm = new Map(), local = new Map();
    for (d = 0; d < n; d++) {
      for (f = 0; f < nf; f++) {
        var ts = fields[f][2] === "cy" && cymraeg() ? welshTerms(docs[d][f]) : terms(docs[d][f]);
        lengths[f][d] = ts.length;
        local.clear();
        for (k = 0; k < ts.length; k++) local.set(ts[k], (local.get(ts[k]) || 0) + 1);
        local.forEach(function (count, term) {
          var post = byTerm.get(term);
          if (!post) { post = []; for (var g = 0; g < nf; g++) post.push(null); byTerm.set(term, post); }
          if (!post[f]) post[f] = [];
          post[f].push(d, count);
        });
      }
    }
    var average = lengths.map(function (len) {
      var total = 0;
      for (var i = 0; i < n; i++) total += len[i];
      return n ? total / n : 0;
    });
    var out = Object.create(null);
    byTerm.forEach(function (post, term) {
      var seen = new Set();
      post.forEach(function (list) { if (list) for (var i = 0; i < list.length; i += 2) seen.add(list[i]); });
      var idf = Math.log(1 + Math.abs((n - seen.size + 0.5) / (seen.size + 0.5)));  // lunr.idf
      out[term] = post.map(function (list, f) {
        if (!list) return 0;
        var row = [], len = lengths[f], avg = average[f], fieldBoost = fields[f][1];
        for (var i = 0; i < list.length; i += 2) {
          var doc = list[i], tf = list[i + 1];
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (len[doc] / avg)) + tf) * fieldBoost * boost[doc];
          row.push(doc, Math.round(Math.round(score * 1000) / 1000 * 1000));
        }
        return row;
      });
    });
    var byName = new Map();
    names.forEach(function (name, i) {
      var key = nameKey(name);
      if (!key) return;
      if (!byName.has(key)) byName.set(key, []);
      byName.get(key).push(i);
    });
    var named = [];
    byName.forEach(function (rows, key) { named.push([key, stem(key.split(" ")[0]), rows]); });
    return { terms: out, names: named };
  }

  /* The build's side, as a string: what textindex.py reads back from V8. */
  function postingsJSON(input) {
    var data = JSON.parse(input);
    return JSON.stringify(postings(data.fields, data.docs, data.boosts, data.names));
  }

  /* Edit distance of at most one (a letter added, dropped, changed, or two neighbours swapped), as lunr's fuzzy clause. */
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la && i === lb) return true;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /*
   * The browser's side: a search over the sharded postings. `manifest` is text/index.json (shard keys, in
   * file order); `fetchJSON(path)` returns a Promise of a file under the text folder. Shards and the term
   * list are fetched once each, when a word first needs them. A term lives in the shard with the longest
   * key that begins it.
   */
  function Searcher(manifest, fetchJSON) {
    this.manifest = manifest;
    this.fetchJSON = fetchJSON;
    this.keys = new Map();
    var self = this;
    manifest.shards.forEach(function (key, i) { self.keys.set(key, i); });
    this.loaded = new Map();   // shard number -> Promise
    this.done = new Set();     // shard numbers whose postings are here
    this.postings = new Map(); // term -> [per field postings]
    this.names = new Map();    // name key -> listings
    this.terms = null;         // every term, sorted: for one-slip matches only
    this.termsPromise = null;
    this.maxKey = manifest.shards.reduce(function (m, k) { return Math.max(m, k.length); }, 0);
    var welsh = [];
    (manifest.fields || []).forEach(function (f, i) { if (f[2] === "cy") welsh.push(i); });
    this.welsh = welsh.length && cymraeg() ? welsh : null;  // Welsh field numbers, when the hub has Welsh
  }

  /* Postings of one shard: gaps between listing numbers undone (`gaps`), unless given as they are. */
  Searcher.prototype.add = function (data, gaps) {
    var self = this;
    Object.keys(data.terms).forEach(function (t) {
      self.postings.set(t, data.terms[t].map(function (list) {
        if (!list) return 0;
        if (gaps) for (var k = 2, last = list[0]; k < list.length; k += 2) { last += list[k]; list[k] = last; }
        return list;
      }));
    });
    data.names.forEach(function (pair) { self.names.set(pair[0], pair[pair.length - 1]); });
  };

  /* The shard a term lives in. */
  Searcher.prototype.shardOf = function (term) {
    for (var len = Math.min(term.length, this.maxKey); len >= 0; len--) {
      var at = this.keys.get(term.slice(0, len));
      if (at !== undefined) return at;
    }
    return -1;
  };

  /* Every shard that may hold a term beginning with `prefix`. */
  Searcher.prototype.shardsFor = function (prefix) {
    var out = [], own = this.shardOf(prefix);
    if (own >= 0) out.push(own);
    this.keys.forEach(function (i, key) { if (key.length > prefix.length && key.lastIndexOf(prefix, 0) === 0) out.push(i); });
    return out;
  };

  /* Fetch shards: null when all are here already, else a Promise. Gaps between listing numbers are undone here. */
  Searcher.prototype.load = function (shards) {
    var self = this;
    shards = shards.filter(function (i) { return i >= 0 && !self.done.has(i); });
    if (!shards.length) return null;
    return Promise.all(shards.map(function (i) {
      if (!self.loaded.has(i)) {
        var p = self.fetchJSON(i + ".json").then(function (data) {
          self.add(data, true);
          self.done.add(i);
        });
        p.catch(function () { self.loaded.delete(i); });  // a failed download can be tried again
        self.loaded.set(i, p);
      }
      return self.loaded.get(i);
    }));
  };

  Searcher.prototype.loadTerms = function () {
    var self = this;
    if (!this.termsPromise) {
      this.termsPromise = this.fetchJSON("terms.json").then(function (list) { self.terms = list; return list; });
      this.termsPromise.catch(function () { self.termsPromise = null; });
    }
    return this.termsPromise;
  };

  /* The query's words, each with its clauses as the engine runs them (Welsh: also its radicals, in Welsh fields). */
  function plan(text, typing, welsh) {
    var ws = words(text, MAX_WORDS);
    if (welsh) ws = ws.filter(function (w) { return !cymraeg().isStop(w); });
    return ws.map(function (w, i) {
      return { word: w, term: stem(w), prefix: i === ws.length - 1 && typing !== false && w.length >= 2,
               radicals: welsh ? welshRadicals(w) : [] };
    });
  }

  /*
   * Fetch what scoring `text` needs: the shards of its words, and for a longer word that matches nothing, the
   * term list and the shards of the terms one slip away. null when everything is here (the page can then
   * answer within the keystroke), else a Promise.
   */
  Searcher.prototype.prepare = function (text, typing) {
    var self = this, need = new Set();
    var clauses = plan(text, typing, this.welsh);
    clauses.forEach(function (c) {
      [c.word].concat(c.radicals).forEach(function (w) {
        need.add(self.shardOf(stem(w)));
        if (c.prefix) self.shardsFor(w).forEach(function (i) { need.add(i); });
      });
    });
    var key = nameKey(text);  // the exact-name rule: names live in the shard of their first word's term
    if (key) need.add(this.shardOf(stem(key.split(" ")[0])));
    function slips() {
      var missing = clauses.filter(function (c) { return c.word.length >= 5 && !self.matches(c).length; });
      if (!missing.length) return null;
      if (!self.terms) return self.loadTerms().then(slips);
      var more = new Set();
      missing.forEach(function (c) { self.near(c.term).forEach(function (t) { more.add(self.shardOf(t)); }); });
      return self.load(Array.from(more));
    }
    var first = this.load(Array.from(need));
    return first ? first.then(slips) : slips();
  };

  /*
   * [term, boost, fields] a clause matches among the loaded postings: the word exactly and, while typing, as
   * a prefix, in every field (fields null); in a hub with Welsh, each radical it may be a mutation of, below
   * the word as typed (a mutation read back is a guess), in the Welsh fields only.
   */
  Searcher.prototype.matches = function (c) {
    var out = [], self = this;
    function add(w, exact, prefix, fields) {
      var t = w === c.word ? c.term : stem(w);
      if (self.postings.has(t)) out.push([t, exact, fields]);
      if (c.prefix) self.postings.forEach(function (_, term) { if (term.lastIndexOf(w, 0) === 0) out.push([term, prefix, fields]); });
    }
    add(c.word, EXACT, PREFIX, null);
    c.radicals.forEach(function (r) { add(r, WELSH_EXACT, WELSH_PREFIX, self.welsh); });
    return out;
  };

  /* Terms one slip away from `term` (needs the term list). */
  Searcher.prototype.near = function (term) {
    if (!this.terms) return [];
    return this.terms.filter(function (t) { return withinOne(term, t); });
  };

  /*
   * Listing -> score for one word, as lunr's Index.query scores it: per field, a query vector (each matched
   * term's clause boosts summed) against the listing's field vector, divided by the query vector's length.
   */
  Searcher.prototype.wordScores = function (c) {
    var matched = this.matches(c), nf = this.manifest.fields.length, f;
    if (!matched.length && c.word.length >= 5) {
      // One slip allowed in longer words, only when the word as typed finds nothing.
      matched = this.near(c.term).filter(function (t) { return this.postings.has(t); }, this)
        .map(function (t) { return [t, FUZZY, null]; });
    }
    var q = [];
    for (f = 0; f < nf; f++) q.push(new Map());
    matched.forEach(function (m) {
      (m[2] || q.map(function (_, i) { return i; })).forEach(function (g) { q[g].set(m[0], (q[g].get(m[0]) || 0) + m[1]); });
    });
    var out = new Map(), self = this;
    q.forEach(function (qf, g) {
      var norm = 0;
      qf.forEach(function (b) { norm += b * b; });
      norm = Math.sqrt(norm);
      qf.forEach(function (b, term) {
        var list = self.postings.get(term)[g];
        if (!list) return;
        for (var i = 0; i < list.length; i += 2) {
          var doc = list[i];
          out.set(doc, (out.get(doc) || 0) + b * list[i + 1] / 1000 / norm);
        }
      });
    });
    return out;
  };

  /*
   * Listing number -> score for typed text once `prepare` has run, or null when it has no words to search
   * for (only stop words, say: then nothing is filtered out). Every word must match.
   */
  Searcher.prototype.scores = function (text, typing) {
    var clauses = plan(text, typing, this.welsh);
    if (!clauses.length) return null;
    var total = null, self = this;
    clauses.forEach(function (c) {
      var found = self.wordScores(c);
      if (total === null) { total = found; return; }
      var both = new Map();
      total.forEach(function (score, ref) { if (found.has(ref)) both.set(ref, score + found.get(ref)); });
      total = both;
    });
    (this.names.get(nameKey(text)) || []).forEach(function (ref) {
      if (total.has(ref)) total.set(ref, total.get(ref) + EXACT_NAME);
    });
    return total;
  };

  /* Both steps: a Promise of the scores. */
  Searcher.prototype.search = function (text, typing) {
    var self = this, pending = this.prepare(text, typing);
    var score = function () { return self.scores(text, typing); };
    return pending ? pending.then(score) : Promise.resolve(score());
  };

  /* Listing numbers in relevance order (best score first, then the table's own order, by name). */
  function order(scores) {
    if (scores === null) return null;
    return Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
  }

  /* A Searcher over postings computed here, all in memory (tests of the engine's rules; small tools). */
  function build(fields, docs, boosts, names) {
    var data = postings(fields, docs, boosts, names);
    var searcher = new Searcher({ count: docs.length, fields: fields, shards: [""] }, null);
    searcher.add({ terms: data.terms, names: data.names }, false);
    searcher.done.add(0);
    searcher.terms = Object.keys(data.terms).sort();
    return searcher;
  }
  /* Scores and order for text on a Searcher that has what the text needs (build, or after `prepare`). */
  function scores(engine, text, typing) { return engine.scores(text, typing); }
  function ranked(engine, text, typing) { return order(engine.scores(text, typing)); }

  global.HubSearchEngine = { words: words, terms: terms, stem: stem, nameKey: nameKey, postings: postings,
                             postingsJSON: postingsJSON, withinOne: withinOne, Searcher: Searcher, order: order,
                             build: build, scores: scores, ranked: ranked, MAX_WORDS: MAX_WORDS };
})(typeof window !== "undefined" ? window : globalThis);
