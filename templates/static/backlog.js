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
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
  var hideWhenFiltered = document.querySelectorAll("[data-hide-when-filtered]");
  // What each row can be found by: its title, id and labels from the page, and the
  // words of its description from the search index once that has loaded.
  var text = rows.map(function (r) {
    var title = r.querySelector("a");
    return " " + ((title ? title.textContent : "") + " " + r.dataset.item + " " + r.dataset.labels).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
  });
  var words = null;

  function loadIndex() {
    if (words !== null || !rows.length) return;
    words = {};
    var s = document.createElement("script");
    s.src = document.querySelector('script[src$="static/backlog.js"]').src.replace(/backlog\.js$/, "search-index.js");
    s.onload = function () { words = window.backlogIndex || {}; apply(); };
    document.head.appendChild(s);
  }

  function state() {
    var st = { q: search.value.trim().toLowerCase() };
    selects.forEach(function (s) { st[s.name] = s.value; });
    return st;
  }

  function matches(i, st, terms) {
    var r = rows[i].dataset;
    for (var k = 0; k < selects.length; k++) {
      var name = selects[k].name, want = st[name];
      if (!want) continue;
      if (name === "label") {
        if ((", " + r.labels + ",").indexOf(", " + want + ",") < 0) return false;
      } else if (r[name] !== want) return false;
    }
    if (!terms.length) return true;
    var body = words && words[r.item] ? " " + words[r.item] + " " : "";
    for (var t = 0; t < terms.length; t++) {
      var needle = " " + terms[t];
      if (text[i].indexOf(needle) < 0 && body.indexOf(needle) < 0) return false;
    }
    return true;
  }

  function apply() {
    var st = state();
    var terms = st.q ? st.q.replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter(Boolean) : [];
    var filtered = terms.length > 0 || selects.some(function (s) { return s.value; });
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = matches(i, st, terms);
      rows[i].hidden = !ok;
      if (ok && !rows[i].closest("[data-hide-when-filtered]")) shown++;
    }
    hideWhenFiltered.forEach(function (el) { el.hidden = filtered; });
    document.querySelectorAll("[data-column-count]").forEach(function (c) {
      c.textContent = c.closest("section").querySelectorAll("[data-item]:not([hidden])").length;
    });
    count.textContent = filtered ? shown + " of " + countAll() + " items match" : countAll() + " items";
    return filtered;
  }

  function countAll() {
    return rows.filter(function (r) { return !r.closest("[data-hide-when-filtered]"); }).length;
  }

  // The URL holds the state, so a filtered view can be shared and survives reload and back.
  function save() {
    var p = new URLSearchParams();
    var st = state();
    if (search.value.trim()) p.set("q", search.value.trim());
    selects.forEach(function (s) { if (st[s.name]) p.set(s.name, st[s.name]); });
    var qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  function restore() {
    var p = new URLSearchParams(location.search);
    search.value = p.get("q") || "";
    selects.forEach(function (s) { s.value = p.get(s.name) || ""; });
    if (search.value) loadIndex();
    apply();
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  search.addEventListener("focus", loadIndex);
  search.addEventListener("input", function () { loadIndex(); apply(); save(); });
  selects.forEach(function (s) { s.addEventListener("change", function () { apply(); save(); }); });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; apply(); save(); }
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
