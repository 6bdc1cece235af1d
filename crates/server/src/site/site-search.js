// areabook static site: offline search over static/site-index.js (no network, works from file://).
// The word rules mirror crates/server/src/site/search_index.rs: lowercase, accents folded, plurals cut.
(function () {
  "use strict";
  var FOLD = { "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "ā": "a", "ç": "c", "č": "c",
    "è": "e", "é": "e", "ê": "e", "ë": "e", "ē": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ī": "i",
    "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ö": "o", "ø": "o", "ō": "o", "ù": "u", "ú": "u",
    "û": "u", "ü": "u", "ū": "u", "ý": "y", "ÿ": "y", "š": "s", "ž": "z" };
  function stem(w) {
    var n = w.length;
    if (n > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (n > 4 && /(ses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
    if (n > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function words(text) {
    var out = [], cur = "";
    var s = text.toLowerCase();
    for (var i = 0; i < s.length; i++) {
      var c = FOLD[s[i]] || s[i];
      if (/[\p{L}\p{N}]/u.test(c)) cur += c;
      else if (c === "'" || c === "\u2019") continue;
      else if (cur) { out.push(stem(cur)); cur = ""; }
    }
    if (cur) out.push(stem(cur));
    return out;
  }
  function postings(index, term) {
    var s = index.terms[term];
    if (!s) return [];
    var out = [], prev = 0, parts = s.split(",");
    for (var i = 0; i < parts.length; i++) { prev += parseInt(parts[i], 36); out.push(prev); }
    return out;
  }
  function search(index, query) {
    var terms = words(query), n = index.docs.length, scores = null;
    terms = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    for (var i = 0; i < terms.length; i++) {
      var docs = postings(index, terms[i]);
      var idf = Math.log(1 + n / (1 + docs.length));
      var inTitle = {};
      postings(index, "t:" + terms[i]).forEach(function (d) { inTitle[d] = true; });
      var next = {};
      docs.forEach(function (d) {
        if (scores === null || d in scores) next[d] = (scores ? scores[d] : 0) + idf * (inTitle[d] ? 3 : 1);
      });
      scores = next;
    }
    if (!scores) return [];
    return Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  document.querySelectorAll("input[name=q]").forEach(function (box) { box.value = q; });
  var out = document.getElementById("site-results");
  var index = window.AREABOOK_INDEX;
  if (!out || !index || !q.trim()) return;
  var hits = search(index, q);
  out.appendChild(el("p", hits.length + (hits.length === 1 ? " section matches " : " sections match ") + "\u201c" + q + "\u201d.", { "class": "hits-count" }));
  var list = el("ol", "", { "class": "hits" });
  hits.slice(0, 100).forEach(function (d) {
    var doc = index.docs[d];
    var li = el("li");
    var h = el("h2");
    h.appendChild(el("a", doc[1], { href: doc[0] }));
    li.appendChild(h);
    li.appendChild(el("p", doc[2] + " \u203a " + doc[3] + (doc[4] ? " \u00b7 data as of " + doc[4] : ""), { "class": "meta" }));
    if (doc[5]) li.appendChild(el("p", doc[5] + "\u2026", { "class": "snippet" }));
    list.appendChild(li);
  });
  out.appendChild(list);
  if (hits.length > 100) out.appendChild(el("p", "The first 100 are shown; add words to narrow the search."));
})();
