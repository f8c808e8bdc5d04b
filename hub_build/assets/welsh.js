/*
 * Welsh initial mutations, undone: the radical forms a Welsh word may be a mutation of.
 *
 * Why: Welsh changes the first sound of a word after certain words ("teulu", family: "ei deulu" his family,
 * "fy nheulu" my family, "ei theulu" her family), so a listing that says "cymorth i'ch teulu" and one that
 * says "gyda'ch nheulu" must both be found by "teulu". No English stemmer does this. `radicals` gives, for
 * one lower-case word, the word itself and every radical it may be a mutation of (soft, nasal, aspirate,
 * and the h- before vowels); mutations are ambiguous ("deulu" may be "deulu" or soft-mutated "teulu"), so
 * every reading is kept. search-engine.js indexes Welsh text under all of them and looks a typed word up
 * under all of them, in the Welsh fields only: English text and English words are never changed, so
 * English words starting "ph", "th" or "ch" lose nothing.
 */
(function (global) {
  "use strict";

  // [mutated beginning, radical beginnings it may come from]; longest first, the first match wins.
  var RULES = [
    ["ngh", ["c"]], ["mh", ["p"]], ["nh", ["t"]], ["ng", ["g"]],   // nasal
    ["ph", ["p"]], ["th", ["t"]], ["ch", ["c"]],                   // aspirate
    ["dd", ["d"]], ["ll", []], ["rh", []], ["ff", []],             // soft (dd); ll, rh and ff are radicals
    ["b", ["p"]], ["d", ["t"]], ["g", ["c"]], ["f", ["b", "m"]],   // soft
    ["l", ["ll", "gl"]], ["r", ["rh", "gr"]],                      // soft (and g lost before l and r)
    ["m", ["b"]], ["n", ["d"]]                                     // nasal
  ];
  var VOWEL = /^[aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ]/;
  // Short words that carry no meaning in a search ("y", "yr", "a", "ac", "i", "o", "yn", ...).
  var STOP = new Set(("a ac ag am ar at gan gyda i o y yr 'r yn yng ym ei eu ein eich fy dy ac neu ond " +
                      "mae sy sydd yw ydy oes bod hyn hynny hwn hon wrth dros drwy trwy heb hefyd pob").split(" "));

  /* The word itself and the radicals it may be a mutation of, each once. */
  function radicals(word) {
    var out = [word];
    function add(w) { if (w.length > 1 && out.indexOf(w) < 0) out.push(w); }
    for (var i = 0; i < RULES.length; i++) {
      var from = RULES[i][0];
      if (word.lastIndexOf(from, 0) === 0) {
        RULES[i][1].forEach(function (to) { add(to + word.slice(from.length)); });
        break;
      }
    }
    if (VOWEL.test(word) || /^(l(?!l)|r(?!h))/.test(word)) add("g" + word);  // soft mutation drops a g: "waith" < "gwaith"
    if (/^h/.test(word) && VOWEL.test(word.slice(1))) add(word.slice(1));  // "ei hysgol" < "ysgol"
    return out;
  }

  function isStop(word) { return STOP.has(word); }

  /* The words of one token, Welsh clitics split off: "teulu'r" (the family's) is "teulu"; "i'w" is nothing. */
  function parts(word) {
    return word.split("'").filter(function (w) { return w.length > 1 && !STOP.has(w); });
  }

  // The other way, for searches that cannot look a word up under its radicals (the site-wide box, Pagefind):
  // [radical beginning, its mutated beginnings]; "" is the g that soft mutation drops.
  var FORWARD = [
    ["ngh", []], ["ng", []], ["mh", []], ["nh", []], ["ph", []], ["th", []], ["ch", []], ["dd", []], ["ff", []],
    ["ll", ["l"]], ["rh", ["r"]], ["p", ["b", "mh", "ph"]], ["t", ["d", "nh", "th"]], ["c", ["g", "ngh", "ch"]],
    ["b", ["f", "m"]], ["d", ["dd", "n"]], ["g", ["", "ng"]], ["m", ["f"]]
  ];

  /* Every form of a word: its radicals and each radical's soft, nasal and aspirate mutations (and h- before a vowel). */
  function forms(word) {
    var out = [];
    function add(w) { if (w.length > 1 && out.indexOf(w) < 0) out.push(w); }
    radicals(word).forEach(function (r) {
      add(r);
      for (var i = 0; i < FORWARD.length; i++) {
        if (r.lastIndexOf(FORWARD[i][0], 0) === 0) {
          FORWARD[i][1].forEach(function (to) { add(to + r.slice(FORWARD[i][0].length)); });
          break;
        }
      }
      if (VOWEL.test(r)) add("h" + r);
    });
    return out;
  }

  /*
   * The searches that together find a typed text under every mutation: the text itself first, then the text
   * with one word at a time in each of its other forms ("teulu cymorth" also searches "deulu cymorth", "teulu
   * gymorth", ...), at most `max` in all. For a search engine whose queries match words as written (Pagefind).
   */
  function variants(text, max) {
    var typed = String(text || ""), limit = max || 8;
    var words = typed.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
    var out = [typed], seen = new Set([words.join(" ")]);
    for (var k = 1; out.length < limit && k < 8; k++) {
      for (var i = 0; i < words.length && out.length < limit; i++) {
        var f = forms(words[i]);
        if (k >= f.length) continue;
        var query = words.slice(0, i).concat([f[k]], words.slice(i + 1)).join(" ");
        if (!seen.has(query)) { seen.add(query); out.push(query); }
      }
    }
    return out;
  }

  global.HubWelsh = { radicals: radicals, isStop: isStop, parts: parts, forms: forms, variants: variants };
})(window);
