/*
 * HubGeo: resolve a UK postcode, outward code or place name to a location, in the browser.
 *
 * Why: families and professionals type a postcode to sort services by distance. The postcode must never
 * leave their machine, so this script only fetches the site's own static geo data (written by
 * hub_build.geo.browser.write_browser_data) from same-origin relative URLs, never any web API.
 *
 * API (plain script, no dependencies; exposes window.HubGeo):
 *   HubGeo.resolve(input, {base}) -> Promise of
 *       {lat, lon, la_code, la_name, nation, region, precision, label}
 *         precision: "postcode" | "outward" | "town" | "local-authority"
 *     or {notFound: true, reason, message, suggestions: [...]}   (ambiguous names: reason "ambiguous")
 *   HubGeo.distanceMiles(a, b) -> great-circle distance in miles between two {lat, lon}
 *   HubGeo.normalisePostcode(text) -> "BS1 4DJ" or null
 *   HubGeo.base -> default data folder (from <script data-geo-base="..."> or "geo/")
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

  var FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$/;
  var OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
  var SECTOR = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9])$/;
  var EARTH_RADIUS_MILES = 3958.8;
  var DROP = /^(city of|county of|royal borough of|london borough of|borough of|the) |( city of| county of| city| council| county council| borough council| district council| city council)$/;

  var script = global.document && global.document.currentScript;
  var defaultBase = (script && script.getAttribute("data-geo-base")) || "geo/";
  var MAX_INPUT = 100;  // longer than any postcode or UK place name: refused before any work is done
  var pending = new Map();  // every lookup keyed by something a person typed is a Map, never a plain object

  function compact(text) {
    return String(text == null ? "" : text).replace(/\s+/g, "").toUpperCase();
  }

  function normalisePostcode(text) {
    var match = FULL.exec(compact(text));
    return match ? match[1] + " " + match[2] : null;
  }

  /* Same folding as hub_build.geo.authorities.fold, so names match the keys written at build time. */
  function fold(text) {
    var s = String(text || "").normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    s = s.replace(/&/g, " and ").replace(/'/g, "");
    return s.replace(/[^a-z0-9]+/g, " ").trim().replace(/\s+/g, " ");
  }

  function baseOf(options) {
    var base = (options && options.base) || HubGeo.base || defaultBase;
    return base.charAt(base.length - 1) === "/" ? base : base + "/";
  }

  /* Fetch one data file once; refuses anything that is not on this site's own origin. */
  function getJSON(base, path) {
    var url = new URL(base + path, global.document ? global.document.baseURI : global.location.href);
    if (url.origin !== global.location.origin) {
      return Promise.reject(new Error("HubGeo only reads data from this site, not " + url.origin));
    }
    var key = url.href;
    if (!pending.has(key)) {
      var got = global.fetch(key, { credentials: "same-origin" }).then(function (response) {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error("HubGeo could not read " + path + " (HTTP " + response.status + ")");
        return response.json();
      });
      pending.set(key, got);
      got.catch(function () { pending.delete(key); });  // the next look-up tries again
    }
    return pending.get(key);
  }

  function tables(base) {
    return Promise.all([getJSON(base, "las.json"), getJSON(base, "outward.json")]).then(function (got) {
      if (!got[0] || !got[1]) throw new Error("HubGeo: the site's geo data is missing (" + base + ")");
      return { las: got[0], outward: got[1] };
    });
  }

  function located(t, lat, lon, laIndex, precision, label) {
    var la = t.las[laIndex] || [];
    return { lat: lat, lon: lon, la_code: la[0] || "", la_name: la[1] || "", nation: la[2] || "",
             region: la[3] || "", precision: precision, label: label };
  }

  function notFound(reason, message, suggestions) {
    return { notFound: true, reason: reason, message: message, suggestions: suggestions || [] };
  }

  /* One character changed or two neighbours swapped: the usual typing slips. */
  function oneSlip(a, b) {
    if (a.length !== b.length) return false;
    var diffs = [];
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]];
  }

  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  function resolvePostcode(base, postcode) {
    var parts = postcode.split(" ");
    var outward = parts[0];
    return tables(base).then(function (t) {
      return getJSON(base, "pc/" + outward + ".json").then(function (shard) {
        var centre = own(t.outward, outward);
        if (!shard) {
          if (centre) {  // no published shard (Northern Ireland at outward precision): the district's centre
            return located(t, centre[0], centre[1], centre[2], "outward", postcode);
          }
          return notFound("postcode", fill(_("{postcode} is not a known UK postcode"), { postcode: postcode }), outwardSuggestions(t, outward));
        }
        var hit = Object.prototype.hasOwnProperty.call(shard, postcode) ? shard[postcode] : null;
        if (hit) return located(t, hit[0], hit[1], hit[2], "postcode", postcode);
        var near = Object.keys(shard).filter(function (other) {
          return oneSlip(parts[1], other.split(" ")[1]);
        }).sort(function (a, b) {
          return (a.charAt(outward.length + 1) !== parts[1].charAt(0)) - (b.charAt(outward.length + 1) !== parts[1].charAt(0));
        }).slice(0, 3);
        return notFound("postcode", fill(_("{postcode} is not a known UK postcode"), { postcode: postcode }), near);
      });
    });
  }

  function outwardSuggestions(t, outward) {
    return Object.keys(t.outward).filter(function (code) { return oneSlip(outward, code); }).slice(0, 5);
  }

  function resolveOutward(base, outward) {
    return tables(base).then(function (t) {
      var centre = own(t.outward, outward);
      if (centre) return located(t, centre[0], centre[1], centre[2], "outward", outward);
      return notFound("outward", fill(_("{district} is not a UK postcode district"), { district: outward }), outwardSuggestions(t, outward));
    });
  }

  /* A value of a data object by a key someone typed: its own keys only, never Object.prototype's. */
  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  var placeIndexes = new Map();

  /* Place names (folded) -> rows, built once per data folder. */
  function placeIndex(base) {
    if (!placeIndexes.has(base)) {
      var built = getJSON(base, "places.json").then(function (rows) {
        var index = new Map();
        (rows || []).forEach(function (row) {
          row[5].forEach(function (key) {
            if (!index.has(key)) index.set(key, []);
            index.get(key).push(row);
          });
        });
        return index;
      });
      placeIndexes.set(base, built);
      built.catch(function () { placeIndexes.delete(base); });
    }
    return placeIndexes.get(base);
  }

  /* In a hub with Welsh (welsh.js): a place as a Welsh sentence has it, "yng Nghaerdydd", "i Gasnewydd". */
  function welshPlace(index, key) {
    if (!global.HubWelsh) return undefined;
    var words = key.replace(/^(yng|yn|ym|i|o|ger|am|at) /, "").split(" ");
    var found;
    global.HubWelsh.radicals(words[0]).some(function (r) {
      found = index.get([r].concat(words.slice(1)).join(" "));
      return found;
    });
    return found;
  }

  function resolvePlace(base, text) {
    var key = fold(text);
    return Promise.all([tables(base), placeIndex(base)]).then(function (got) {
      var t = got[0], index = got[1];
      var rows = index.get(key) || index.get(key.replace(DROP, "")) || welshPlace(index, key);
      if (rows && rows.length) {
        var towns = rows.filter(function (r) { return r[4] === "town"; });
        var pick = towns.length ? towns : rows;
        if (pick.length > 1) {
          return notFound("ambiguous", fill(_("'{place}' is the name of more than one place"), { place: text.trim() }),
                          pick.map(function (r) { return r[0]; }));
        }
        var row = pick[0];
        return located(t, row[1], row[2], row[3], row[4], row[0]);
      }
      var scored = [];
      var slips = key.length > 5 ? 2 : 1;
      index.forEach(function (candidateRows, candidate) {
        if (Math.abs(candidate.length - key.length) > slips && !(key.length >= 3 && candidate.indexOf(key) === 0)) return;
        var d = candidate.indexOf(key) === 0 && key.length >= 3 ? 0.5 : editDistance(key, candidate);
        if (d <= slips) scored.push([d, candidateRows[0][0]]);
      });
      scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
      var names = [];
      scored.forEach(function (s) { if (names.indexOf(s[1]) < 0 && names.length < 5) names.push(s[1]); });
      return notFound("place", fill(_("'{place}' is not a UK postcode or a town or council area we know"), { place: text.trim() }), names);
    });
  }

  /* Resolve what the user typed: a full postcode, an outward code (district) or a place name. */
  function resolve(input, options) {
    var base = baseOf(options);
    var text = String(input == null ? "" : input).trim();
    if (!text) return Promise.resolve(notFound("empty", _("Type a postcode or a town"), []));
    if (text.length > MAX_INPUT) {
      return Promise.resolve(notFound("long", "That is longer than any UK postcode or place name: type a postcode or a town", []));
    }
    var postcode = normalisePostcode(text);
    if (postcode) return resolvePostcode(base, postcode);
    var code = compact(text);
    if (OUTWARD.test(code)) return resolveOutward(base, code);
    var sector = SECTOR.exec(text.toUpperCase().replace(/\s+/g, " "));
    if (sector) return resolveOutward(base, sector[1]);
    return resolvePlace(base, text);
  }

  function toRadians(degrees) { return degrees * Math.PI / 180; }

  function distanceMiles(a, b) {
    var dLat = toRadians(b.lat - a.lat), dLon = toRadians(b.lon - a.lon);
    var h = Math.pow(Math.sin(dLat / 2), 2) +
            Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  var HubGeo = {
    base: defaultBase,
    resolve: resolve,
    distanceMiles: distanceMiles,
    normalisePostcode: normalisePostcode,
    fold: fold
  };
  global.HubGeo = HubGeo;
})(typeof window !== "undefined" ? window : this);
