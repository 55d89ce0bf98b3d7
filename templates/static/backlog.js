// The backlog site's only script: search and filters on the backlog and the board, with
// the state in the URL, and "copy link" on item pages. Without it every item is listed.
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  var copy = document.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(location.href.split("#")[0]).then(function () {
        copy.textContent = "Link copied";
        setTimeout(function () { copy.textContent = "Copy link"; }, 2000);
      });
    });
  }
  document.querySelectorAll(".body h2[id], .body h3[id]").forEach(function (h) {
    var a = document.createElement("a");
    a.className = "anchor";
    a.href = "#" + h.id;
    a.setAttribute("aria-label", "Link to this section");
    a.textContent = "#";
    h.appendChild(document.createTextNode(" "));
    h.appendChild(a);
  });
  if (!form) return;

  var search = form.querySelector("input[type=search]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = form.querySelector("[data-count]");
  var noMatch = form.querySelector("[data-no-match]");
  var clear = form.querySelector("[data-clear]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
  var hideWhenFiltered = document.querySelectorAll("[data-hide-when-filtered]");
  var columnCounts = Array.prototype.slice.call(document.querySelectorAll("[data-column-count]"));
  // Everything a keystroke needs is read from the page once: reading the DOM is what is slow.
  var data = rows.map(function (r) {
    var d = r.dataset, title = r.querySelector("a");
    return {
      id: d.item, status: d.status, type: d.type, release: d.release, goal: d.goal,
      labels: ", " + d.labels + ",", owner: ", " + d.owner + ",",
      // What the row can be found by: its title, id and labels; description words come
      // from the search index once it has loaded.
      text: " " + ((title ? title.textContent : "") + " " + d.item + " " + d.labels).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ") + " ",
      counted: !r.closest("[data-hide-when-filtered]"),
      column: columnCounts.indexOf((r.closest("section") || {}).querySelector ? r.closest("section").querySelector("[data-column-count]") : null),
      shown: true
    };
  });
  var total = data.filter(function (d) { return d.counted; }).length;
  // Rows are grouped by their list (a table, a board column). A filtered list shows copies
  // of its first matches in a small list of its own, and the full list stays in the page,
  // hidden with its layout kept (content-visibility): no keystroke makes the browser build
  // or tear down the layout of thousands of rows.
  var LIMIT = 25;
  var groups = [];
  rows.forEach(function (r, i) {
    // A theme of its own may leave out the list's mark or its chunks: the rows' parent
    // then serves as both.
    var list = r.closest("[data-rows]") || r.parentNode;
    var g = groups.find(function (g) { return g.list === list; });
    if (!g) {
      var chunks = Array.prototype.slice.call(list.querySelectorAll(".chunk"));
      g = { list: list, members: [], last: null, all: false, results: null,
        chunks: chunks.length ? chunks : [r.parentNode], inTable: r.tagName === "TR" };
      // A table's section shows how many of its items match, and goes away when none does.
      var section = g.inTable ? r.closest("section") : null;
      g.section = section;
      g.count = section && section.querySelector("h2 .count");
      g.total = g.count ? g.count.textContent : "";
      groups.push(g);
    }
    g.members.push(i);
  });

  // showResults puts an empty list for a group's matches before its chunks of rows (the
  // table's row groups, the column's lists), and hides those. Each chunk is hidden by a
  // class of its own: a class on the list would make the browser look through every row.
  function showResults(g) {
    var results = g.chunks[0].cloneNode(false);
    results.classList.remove("chunk", "filtered-out");
    results.setAttribute("data-results", "");
    g.chunks[0].parentNode.insertBefore(results, g.chunks[0]);
    g.chunks.forEach(function (c) { c.classList.add("filtered-out"); });
    return results;
  }

  function hideResults(g) {
    g.results.remove();
    g.results = null;
    g.chunks.forEach(function (c) { c.classList.remove("filtered-out"); });
  }

  // moreButton is the last line of a list cut at LIMIT matches.
  function moreButton(g, matched) {
    var line = document.createElement(g.inTable ? "tr" : "li");
    line.className = "more";
    var cell = line;
    if (g.inTable) {
      cell = document.createElement("td");
      cell.colSpan = 8;
      line.appendChild(cell);
    }
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = "Show all " + matched + " matches";
    b.addEventListener("click", function () { g.all = true; apply(); });
    cell.appendChild(b);
    return line;
  }
  var words = null;
  var lastQuery = "", lastFilters = "";

  function loadIndex() {
    if (words !== null || !rows.length) return;
    words = {};
    var s = document.createElement("script");
    s.src = document.querySelector('script[src$="static/backlog.js"]').src.replace(/backlog\.js$/, "search-index.js");
    s.onload = function () {
      var index = window.backlogIndex || {};
      data.forEach(function (d) { if (index[d.id]) d.text += index[d.id] + " "; });
      words = index;
      apply();
      // Said on the page, so a test can wait for the words rather than race them.
      document.documentElement.dataset.searchIndex = "applied";
    };
    document.head.appendChild(s);
  }

  function state() {
    var st = { q: search.value.trim().toLowerCase(), filters: [] };
    selects.forEach(function (s) { if (s.value) st.filters.push([s.name, s.value]); });
    return st;
  }

  function matches(d, st, terms) {
    for (var k = 0; k < st.filters.length; k++) {
      var name = st.filters[k][0], want = st.filters[k][1];
      // Labels and owners are lists: an item has several of each.
      if (name === "label" ? d.labels.indexOf(", " + want + ",") < 0 : name === "owner" ? d.owner.indexOf(", " + want + ",") < 0 : d[name] !== want) return false;
    }
    for (var t = 0; t < terms.length; t++) {
      if (d.text.indexOf(terms[t]) < 0) return false;
    }
    return true;
  }

  function apply() {
    var st = state();
    if (st.q !== lastQuery || st.filters.join() !== lastFilters) groups.forEach(function (g) { g.all = false; });
    lastQuery = st.q;
    lastFilters = st.filters.join();
    var terms = st.q ? st.q.replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter(Boolean).map(function (w) { return " " + w; }) : [];
    var filtered = terms.length > 0 || st.filters.length > 0;
    var shown = 0, perColumn = columnCounts.map(function () { return 0; });
    groups.forEach(function (g) {
      var keep = [], matched = 0;
      g.members.forEach(function (i) {
        var d = data[i], ok = matches(d, st, terms);
        if (!ok) return;
        matched++;
        if (d.counted) shown++;
        if (d.column >= 0) perColumn[d.column]++;
        // A filtered list shows its first matches; the rest wait for "show all",
        // so no keystroke makes the browser lay out thousands of rows.
        if (!filtered || g.all || keep.length < LIMIT) keep.push(rows[i]);
      });
      if (g.section && !g.section.hasAttribute("data-hide-when-filtered")) {
        // Hidden the cheap way, keeping its layout (hidden would drop a huge table's layout).
        g.section.classList.toggle("filtered-out", filtered && matched === 0);
        if (g.count) g.count.textContent = filtered ? matched : g.total;
      }
      if (!filtered) {
        if (g.results) hideResults(g);
        g.last = null;
        return;
      }
      var more = keep.length < matched;
      var key = keep.length + ":" + more;
      if (!more && g.last === key + keep.map(function (r) { return r.dataset.item; }).join()) return;
      g.last = more ? null : key + keep.map(function (r) { return r.dataset.item; }).join();
      if (!g.results) g.results = showResults(g);
      var lines = keep.map(function (r) {
        var c = r.cloneNode(true);
        c.removeAttribute("id");
        return c;
      });
      if (more) lines.push(moreButton(g, matched));
      g.results.replaceChildren.apply(g.results, lines);
    });
    hideWhenFiltered.forEach(function (el) { el.hidden = filtered; });
    columnCounts.forEach(function (c, i) { c.textContent = perColumn[i]; });
    count.textContent = filtered ? shown + " of " + total + " items match" : total + " items";
    if (noMatch) noMatch.hidden = !filtered || shown > 0;
    if (clear) clear.hidden = !filtered;
  }

  // The URL holds the state, so a filtered view can be shared and survives reload and back.
  function save() {
    var p = new URLSearchParams();
    if (search.value.trim()) p.set("q", search.value.trim());
    selects.forEach(function (s) { if (s.value) p.set(s.name, s.value); });
    var qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  // Typing updates the URL once it pauses: writing the history entry takes the browser
  // longer than filtering does. A pending update is written before the page is left.
  var pending = 0;
  function saveSoon() {
    clearTimeout(pending);
    pending = setTimeout(saveNow, 300);
  }
  function saveNow() {
    clearTimeout(pending);
    pending = 0;
    save();
  }
  function flush() {
    if (pending) saveNow();
  }

  function restore() {
    var p = new URLSearchParams(location.search);
    search.value = p.get("q") || "";
    selects.forEach(function (s) { s.value = p.get(s.name) || ""; });
    if (search.value) loadIndex();
    apply();
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  if (clear) clear.addEventListener("click", function () {
    search.value = "";
    selects.forEach(function (s) { s.value = ""; });
    apply();
    saveNow();
    search.focus();
  });
  search.addEventListener("focus", loadIndex);
  search.addEventListener("input", function () { loadIndex(); apply(); saveSoon(); });
  document.addEventListener("click", flush, true);
  window.addEventListener("pagehide", flush);
  selects.forEach(function (s) { s.addEventListener("change", function () { apply(); saveNow(); }); });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; apply(); saveNow(); }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !(t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement || t.isContentEditable)) {
      e.preventDefault();
      search.focus();
    }
  });
  window.addEventListener("popstate", restore);
  window.addEventListener("pageshow", restore);
  restore();
})();
