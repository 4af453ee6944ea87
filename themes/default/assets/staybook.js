// Staybook's only script. Every page works without it; it adds a print button to the print views,
// the filters of the care-measure overview and the search box.
"use strict";

// The site's words, in its language: the templates write them from the theme's strings file into
// data-t-* attributes of <body> (the security policy allows no inline script).
function staybookText(name, values) {
  var text = (document.body && document.body.getAttribute("data-t-" + name)) || "";
  Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
  return text;
}

document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

document.querySelectorAll("[data-filter-list]").forEach(function (form) {
  var list = document.getElementById(form.getAttribute("data-filter-list"));
  var status = form.querySelector("[data-filter-status]");
  if (!list) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-item]"));
  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var match = selects.every(function (select) {
        return select.value === "" || item.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    list.querySelectorAll("[data-group]").forEach(function (group) {
      group.hidden = group.querySelector("[data-item]:not([hidden])") === null;
    });
    if (status) status.textContent = staybookText("shown", { shown: shown, total: items.length });
  }
  form.hidden = false;
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
});

// A redirect page (m/<id>/, an alias): carry the #heading over, which a meta refresh drops.
(function () {
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  var canonical = document.querySelector('link[rel="canonical"]');
  if (refresh && canonical && location.hash) location.replace(canonical.getAttribute("href") + location.hash);
})();

// Copy buttons: the permanent link of a page, of each heading, of each module in the catalogue.
// navigator.clipboard needs https; an intranet on plain http gets the selection fallback.
function staybookCopy(text, button) {
  function done(ok) {
    var label = button.textContent;
    button.textContent = staybookText(ok ? "copied" : "copy-manually");
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    return;
  }
  var field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.appendChild(field);
  field.select();
  var ok = false;
  try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
  document.body.removeChild(field);
  done(ok);
}

(function () {
  // A module's heading is copied as its permanent link; a page without an id as its address.
  var page = document.querySelector("[data-permalink]");
  var base = page ? page.getAttribute("data-permalink") : location.href.split("#")[0];
  if (document.querySelector(".prose")) {
    document.querySelectorAll(".prose h2[id] > .anchor, .prose h3[id] > .anchor").forEach(function (anchor) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link copy-heading";
      button.setAttribute("data-copy", base + "#" + anchor.parentNode.id);
      button.setAttribute("aria-label", staybookText("copy-section"));
      button.textContent = staybookText("copy-link");
      anchor.parentNode.insertBefore(button, anchor.nextSibling);
    });
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { staybookCopy(button.getAttribute("data-copy"), button); });
  });
})();

// Search: the box in the top bar (hidden in the HTML: it needs this script). The index is split
// into scripts under assets/search/ (a page opened from file:// cannot fetch a JSON file but can
// load a script), written by SearchIndexWriter.swift:
//   index.js  sets window.StaybookSearchIndex: the filters' lists, the layout (shards, group) and a
//             row per page [kind, stage, [roles], title length]; added when the box first gets focus;
//   kN.js     the title and body postings of the keys whose first character c has c % shards == N;
//   pN.js     what a result shows, [title, url, section, excerpt, [[heading id, heading] or, when
//             the id is the heading, heading, …]], for
//             pages N × group … N × group + group − 1.
// A query loads the shards of its keys, then the fragments of the results it shows.
// Keys are cut as in SearchTokenizer.swift: Han text into character bigrams (plus each run's last
// character), other letters and digits into lowercase words, after NFKC, lowercasing and
// traditional → simplified for common characters.
(function () {
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var input = box.querySelector("input[type=search]");
  var panel = box.querySelector("[data-search-panel]");
  var status = box.querySelector("[data-search-status]");
  var list = box.querySelector("[data-search-results]");
  var filters = Array.prototype.slice.call(box.querySelectorAll("select[data-search-filter]"));
  var root = document.documentElement.getAttribute("data-root") || "";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var WORD = /[\p{L}\p{N}]/u;
  var LIMIT = 50;
  var index = null;
  var loading = false;
  var t2s = {};
  var decoded = { title: {}, body: {} };
  var byFirst = {};     // Han character → keys starting with it (all in one shard)
  var words = [];       // non-Han keys of the loaded shards, for prefix matching of the word being typed
  var prepared = {};    // shard name → its keys are in byFirst and words
  var pending = {};     // part name → callbacks waiting for its script
  var generation = 0;   // the query shown; an older one's parts arriving late are ignored

  box.hidden = false;

  function parts() { return window.StaybookSearchParts || {}; }

  function failed() { status.textContent = staybookText("search-failed"); }

  function load() {
    if (index || loading) return;
    loading = true;
    status.textContent = staybookText("search-loading");
    var script = document.createElement("script");
    script.src = root + "assets/search/index.js";
    script.onload = function () {
      if (!window.StaybookSearchIndex) return script.onerror();
      prepare(window.StaybookSearchIndex);
      run();
    };
    script.onerror = function () { loading = false; script.remove(); failed(); };
    document.head.appendChild(script);
  }

  // Calls done(true) once every part named (k3, p12) has loaded, done(false) if one cannot be.
  function withParts(names, done) {
    var missing = names.filter(function (name, i) { return !parts()[name] && names.indexOf(name) === i; });
    var left = missing.length, ok = true;
    if (left === 0) return done(true);
    missing.forEach(function (name) {
      if (!pending[name]) {
        var callbacks = pending[name] = [];
        var script = document.createElement("script");
        script.src = root + "assets/search/" + name + ".js";
        var finish = function (loaded) {
          delete pending[name];
          if (!loaded) script.remove();  // tried again by the next query
          callbacks.forEach(function (callback) { callback(loaded); });
        };
        script.onload = function () { finish(!!parts()[name]); };
        script.onerror = function () { finish(false); };
        document.head.appendChild(script);
      }
      pending[name].push(function (loaded) {
        ok = ok && loaded;
        if (--left === 0) done(ok);
      });
    });
  }

  function prepare(data) {
    index = data;
    for (var i = 0; i + 1 < data.t2s.length; i += 2) t2s[data.t2s[i]] = data.t2s[i + 1];
    fill("kind", data.kinds.map(function (kind, i) { return [i, kind[1]]; }).filter(function (option) {
      return data.pages.some(function (page) { return page[0] === option[0]; });
    }));
    fill("stage", data.stages.map(function (name, i) { return [i, name]; }));
    fill("role", data.roles.map(function (name, i) { return [i, name]; }));
  }

  function shardOf(key) { return "k" + (key.charCodeAt(0) % index.shards); }

  function prepareShard(name) {
    if (prepared[name]) return;
    prepared[name] = true;
    var shard = parts()[name];
    [shard.title, shard.body].forEach(function (map) {
      Object.keys(map).forEach(function (key) {
        if (HAN.test(key[0])) (byFirst[key[0]] = byFirst[key[0]] || {})[key] = true;
        else words.push(key);
      });
    });
  }

  function fill(name, options) {
    filters.forEach(function (select) {
      if (select.getAttribute("data-search-filter") !== name) return;
      options.forEach(function (option) {
        var element = document.createElement("option");
        element.value = String(option[0]);
        element.textContent = option[1];
        select.appendChild(element);
      });
      select.closest("label").hidden = options.length === 0;
    });
  }

  // One UTF-16 unit at a time, so offsets into the text stay valid for highlighting.
  function simplify(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i], lower = c.toLowerCase();
      if (lower.length === 1) c = lower;
      out += t2s[c] || c;
    }
    return out;
  }

  // The query → its parts (a lone Han character, a bigram, a word, or the word being typed, which
  // matches as a prefix), the strings to mark, and the shards holding their keys.
  function parse(query) {
    var text = simplify(query.normalize("NFKC"));
    var terms = [], marks = [], seen = {};
    var run = "", word = "";
    function term(kind, label) {
      if (seen[label]) return;
      seen[label] = true;
      terms.push({ kind: kind, text: label });
    }
    function flush(atEnd) {
      if (run.length === 1) term("first", run);
      for (var i = 0; i + 1 < run.length; i++) term("key", run.slice(i, i + 2));
      if (run) marks.push(run);
      if (word) {
        term(atEnd ? "prefix" : "key", word);
        marks.push(word);
      }
      run = "";
      word = "";
    }
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (HAN.test(c)) { if (word) flush(false); run += c; }
      else if (WORD.test(c)) { if (run) flush(false); word += c; }
      else flush(false);
    }
    flush(true);  // the word being typed matches as a prefix
    return { terms: terms, marks: marks, shards: terms.map(function (term) { return shardOf(term.text); }) };
  }

  // Each part → the keys any of which will do (none: a part no page has, so only partial matches
  // remain). Its shard has loaded.
  function needs(terms) {
    return terms.map(function (term) {
      if (term.kind === "first") return Object.keys(byFirst[term.text] || {});
      if (term.kind === "prefix") return words.filter(function (key) { return key.lastIndexOf(term.text, 0) === 0; });
      return [term.text];
    });
  }

  function postings(field, key) {
    var cache = decoded[field];
    if (cache[key]) return cache[key];
    var text = parts()[shardOf(key)][field][key] || "", out = [], previous = -1, value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) value = value * 32 + c - 65;            // A–Z: 0–25, more digits follow
      else if (c >= 40 && c <= 46 && c !== 44) value = value * 32 + "()*+-.".indexOf(text[i]) + 26;
      else {
        previous += value * 32 + parseInt(text[i], 32) + 1;
        out.push(previous);
        value = 0;
      }
    }
    return (cache[key] = out);
  }

  // Pages having any of `keys` in `field`, as a set.
  function having(field, keys) {
    var found = {};
    keys.forEach(function (key) { postings(field, key).forEach(function (page) { found[page] = true; }); });
    return found;
  }

  // Pages ranked for the parsed query, whose shards have loaded.
  function search(parsed) {
    parsed.shards.forEach(prepareShard);
    var wanted = needs(parsed.terms);
    if (wanted.length === 0) return [];
    var scores = {};
    wanted.forEach(function (keys) {
      var inTitle = having("title", keys), inBody = having("body", keys);
      Object.keys(inBody).concat(Object.keys(inTitle)).forEach(function (page) {
        var score = scores[page] || (scores[page] = { page: +page, title: 0, any: 0, last: null });
        if (score.last === keys) return;  // in both title and body: count once
        score.last = keys;
        score.any += 1;
        if (inTitle[page]) score.title += 1;
      });
    });
    var chosen = filters.map(function (select) { return [select.getAttribute("data-search-filter"), select.value]; });
    var results = Object.keys(scores).map(function (page) { return scores[page]; }).filter(function (score) {
      var page = index.pages[score.page];
      return chosen.every(function (filter) {
        if (filter[1] === "") return true;
        var value = +filter[1];
        if (filter[0] === "kind") return page[0] === value;
        if (filter[0] === "stage") return page[1] === value;
        return page[2].indexOf(value) >= 0;
      });
    });
    var best = results.reduce(function (max, score) { return Math.max(max, score.any); }, 0);
    // Every part of the query where some page has them all; else the pages that have the most.
    results = results.filter(function (score) { return score.any === best; });
    results.sort(function (a, b) {
      var aTitle = a.title === wanted.length ? 1 : 0, bTitle = b.title === wanted.length ? 1 : 0;
      // Among equals, the shorter title: the query is more of it.
      return bTitle - aTitle || b.title - a.title || b.any - a.any ||
        index.pages[a.page][3] - index.pages[b.page][3] || a.page - b.page;
    });
    return results;
  }

  // `text` with every occurrence of a mark in <mark>; whole query runs first, then their bigrams.
  function marked(text, marks) {
    var fragment = document.createDocumentFragment();
    var plain = simplify(text);
    var needles = marks.slice();
    marks.forEach(function (mark) {
      for (var i = 0; i + 2 <= mark.length && mark.length > 2; i++) needles.push(mark.slice(i, i + 2));
    });
    needles.sort(function (a, b) { return b.length - a.length; });
    var start = 0, i = 0;
    while (i < plain.length) {
      var hit = null;
      for (var n = 0; n < needles.length && !hit; n++) {
        if (needles[n] && plain.startsWith(needles[n], i)) hit = needles[n];
      }
      if (!hit) { i += 1; continue; }
      if (i > start) fragment.appendChild(document.createTextNode(text.slice(start, i)));
      var element = document.createElement("mark");
      element.textContent = text.slice(i, i + hit.length);
      fragment.appendChild(element);
      i += hit.length;
      start = i;
    }
    if (start < text.length) fragment.appendChild(document.createTextNode(text.slice(start)));
    return fragment;
  }

  function firstHit(text, marks) {
    var plain = simplify(text), at = -1;
    marks.forEach(function (mark) {
      var candidates = [mark];
      for (var i = 0; i + 2 <= mark.length && mark.length > 2; i++) candidates.push(mark.slice(i, i + 2));
      candidates.forEach(function (needle) {
        var found = plain.indexOf(needle);
        if (found >= 0 && (at < 0 || found < at)) at = found;
      });
    });
    return at;
  }

  // The excerpt around the first match, or its start.
  function snippet(text, marks) {
    var at = firstHit(text, marks);
    var from = Math.max(0, at - 20);
    var part = text.slice(from, from + 80);
    return (from > 0 ? "…" : "") + part + (from + 80 < text.length && part.slice(-1) !== "…" ? "…" : "");
  }

  function fragmentOf(page) { return "p" + Math.floor(page / index.group); }

  // One result: `entry` is [title, url, section, excerpt, headings] from its fragment.
  function result(page, entry, marks) {
    var kind = index.kinds[index.pages[page][0]];
    var heading = null;
    for (var h = 0; h < entry[4].length && !heading; h++) {
      var candidate = entry[4][h];
      if (typeof candidate === "string") candidate = [candidate, candidate];  // its id is its text
      if (firstHit(candidate[1], marks) >= 0) heading = candidate;
    }
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.className = "search-result";
    link.href = root + entry[1] + (heading ? "#" + encodeURIComponent(heading[0]) : "");
    var title = document.createElement("span");
    title.className = "search-result-title";
    title.appendChild(marked(entry[0], marks));
    var meta = document.createElement("span");
    meta.className = "search-result-meta";
    if (kind[0] !== "page") {
      var badge = document.createElement("span");
      badge.className = "kind-badge kind-" + kind[0];
      badge.textContent = kind[1];
      meta.appendChild(badge);
      meta.appendChild(document.createTextNode(" "));
    }
    var where = index.sections[entry[2]];
    meta.appendChild(document.createTextNode(where));
    if (heading) {
      meta.appendChild(document.createTextNode(where ? " › " : ""));
      meta.appendChild(marked(heading[1], marks));
    }
    var text = document.createElement("span");
    text.className = "search-result-snippet";
    text.appendChild(marked(snippet(entry[3], marks), marks));
    link.appendChild(title);
    link.appendChild(meta);
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  function render(query) {
    var current = ++generation;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.trim()) { status.textContent = staybookText("search-hint"); return; }
    if (!index) { load(); return; }
    var parsed = parse(query), answered = false;
    withParts(parsed.shards, function (ok) {
      answered = true;
      if (current !== generation) return;
      if (!ok) return failed();
      var found = search(parsed);
      var shown = found.slice(0, LIMIT), next = 0;
      var done = found.length === 0 ? staybookText("search-none", { query: query.trim() })
        : staybookText(found.length > LIMIT ? "search-found-limited" : "search-found", { count: found.length, limit: LIMIT });
      // Results appear in order as their fragments arrive; the count once all are shown.
      function more() {
        if (current !== generation) return;
        while (next < shown.length && parts()[fragmentOf(shown[next].page)]) {
          var page = shown[next].page;
          list.appendChild(result(page, parts()[fragmentOf(page)][page % index.group], parsed.marks));
          next += 1;
        }
        if (next === shown.length) status.textContent = done;
      }
      var fragments = shown.map(function (score) { return fragmentOf(score.page); });
      fragments.filter(function (name, i) { return fragments.indexOf(name) === i; }).forEach(function (name) {
        withParts([name], function (loaded) {
          if (current !== generation) return;
          if (loaded) more(); else failed();
        });
      });
      more();
      if (next < shown.length) status.textContent = staybookText("search-loading");
    });
    if (!answered) status.textContent = staybookText("search-loading");
  }

  function run() { render(input.value); }
  function open() { panel.hidden = false; load(); if (index || !loading) run(); }
  function close() { panel.hidden = true; }
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  input.addEventListener("focus", open);
  input.addEventListener("click", function () { if (panel.hidden) open(); });
  input.addEventListener("input", function () { panel.hidden = false; run(); });
  filters.forEach(function (select) { select.addEventListener("change", run); });
  input.addEventListener("keydown", function (event) {
    var first = links()[0];
    if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
    else if (event.key === "Enter" && first) { event.preventDefault(); first.click(); }
    else if (event.key === "Escape") {
      // Not the browser's own clearing of a search field: that would reopen the list. A second
      // Escape clears the query.
      event.preventDefault();
      if (panel.hidden) input.value = ""; else close();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
    else if (event.key === "Escape") { event.preventDefault(); input.focus(); close(); }
  });
  box.addEventListener("focusout", function () {
    setTimeout(function () { if (!box.contains(document.activeElement)) close(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
