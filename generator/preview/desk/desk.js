// The PO's desk: reorder the backlog and triage the board from the preview's pages.
// Injected by `backlog serve` on loopback only, never into a build. Every change is a
// request to the server, which rewrites the content files; the preview then rebuilds
// and the page reloads where it was.
(function () {
  "use strict";
  var configEl = document.getElementById("backlog-desk-config");
  if (!configEl || !window.fetch) return;
  var cfg = JSON.parse(configEl.textContent);
  var stateKey = "backlog-desk:" + location.pathname;

  function make(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- The panel: what changed against the base branch, undo, discard, pull request.
  var panel = make("details", {"class": "desk-panel", id: "desk-panel"});
  var summary = make("summary", {}, "PO's desk");
  var live = make("p", {"class": "desk-live", role: "status", "aria-live": "polite"});
  var alertBox = make("div", {"class": "desk-error", role: "alert"});
  var diffBox = make("div", {"class": "desk-diff", id: "desk-diff"});
  var buttons = make("p", {"class": "desk-buttons"});
  var undoBtn = make("button", {type: "button", id: "desk-undo"}, "Undo");
  var discardBtn = make("button", {type: "button", id: "desk-discard"}, "Discard all");
  var prBtn = make("button", {type: "button", id: "desk-pr"}, "Prepare a pull request");
  var prBox = make("div", {"class": "desk-pr", id: "desk-pr-result"});
  var help = make("p", {"class": "desk-help", id: "desk-help"},
    "Space or Enter picks an item up, the arrow keys move it, Space or Enter puts it down, Escape cancels. Home and End move it to the top or the bottom.");
  buttons.append(undoBtn, " ", discardBtn, " ", prBtn);
  panel.append(summary, live, alertBox, diffBox, buttons, prBox, help);
  document.body.appendChild(panel);

  function say(text) { live.textContent = text; }
  function fail(err) {
    alertBox.textContent = "";
    alertBox.appendChild(make("strong", {}, err.error || String(err)));
    if (err.findings && err.findings.length) {
      var ul = make("ul");
      err.findings.forEach(function (f) { ul.appendChild(make("li", {}, f)); });
      alertBox.appendChild(ul);
    }
    panel.open = true;
    if (err.status === 409) setTimeout(function () { location.reload(); }, 1500);
  }

  // call sends one request; a write's result is seen when the page reloads after the
  // rebuild (the reload script listens for it).
  function call(action, body) {
    var opts = {method: body ? "POST" : "GET", headers: {"X-Backlog-Desk": cfg.secret}, credentials: "same-origin"};
    if (body) {
      body.gen = cfg.gen;
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch("/_backlog/desk/" + action, opts).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { j.status = r.status; throw j; }
        return j;
      });
    });
  }
  var busy = false;
  function write(action, body, done) {
    if (busy) return Promise.resolve();
    busy = true;
    document.documentElement.classList.add("desk-busy");
    // Said before the answer comes: the page may reload for the rebuild first.
    said = done;
    return call(action, body).then(function () {
      say(done);
    }, function (err) {
      said = null;
      busy = false;
      document.documentElement.classList.remove("desk-busy");
      fail(err);
      throw err;
    });
  }

  // The page reloads after every change: keep where the PO was, and what was said.
  var said = null;
  function save() {
    var f = document.activeElement, key = null;
    var holder = f && f.closest && f.closest("[data-item]");
    if (holder && f.dataset.desk) key = holder.getAttribute("data-item") + " " + f.dataset.desk;
    sessionStorage.setItem(stateKey, JSON.stringify({x: scrollX, y: scrollY, focus: key, open: panel.open, said: said}));
  }
  addEventListener("pagehide", save);
  (function restore() {
    var s = null;
    try { s = JSON.parse(sessionStorage.getItem(stateKey) || "null"); } catch (e) { /* a fresh start */ }
    sessionStorage.removeItem(stateKey);
    if (!s) return;
    panel.open = !!s.open;
    setTimeout(function () {
      scrollTo(s.x, s.y);
      if (s.focus) {
        var parts = s.focus.split(" ");
        var holder = document.querySelector('[data-item="' + CSS.escape(parts[0]) + '"]');
        var target = holder && holder.querySelector('[data-desk="' + CSS.escape(parts[1]) + '"]');
        if (target) target.focus({preventScroll: true});
      }
      if (s.said) say(s.said);
    }, 0);
  })();

  // ---- The diff against the base branch.
  function showDiff() {
    call("diff").then(function (d) {
      var r = d.report;
      diffBox.textContent = "";
      diffBox.appendChild(make("h2", {}, "Changes against " + r.base));
      var ul = make("ul");
      function line(text) { ul.appendChild(make("li", {}, text)); }
      (r.moves || []).forEach(function (m) {
        if (!m.from) line("Ranked " + m.id + " at #" + m.to);
        else if (!m.to) line("Unranked " + m.id + " (was #" + m.from + ")");
        else line("Moved " + m.id + " from #" + m.from + " to #" + m.to);
      });
      (r.status_changes || []).forEach(function (s) { line("Status of " + s.id + ": " + s.from + " → " + s.to); });
      (r.field_changes || []).forEach(function (f) { line(f.field + " of " + f.id + ": " + (f.from || "none") + " → " + (f.to || "none")); });
      (r.added || []).forEach(function (a) { line("Added " + a.id); });
      (r.removed || []).forEach(function (a) { line("Removed " + a.id); });
      if (r.shifted) line(r.shifted + " other items shifted");
      if (!ul.children.length) diffBox.appendChild(make("p", {}, "No change yet."));
      else diffBox.appendChild(ul);
      undoBtn.disabled = !d.undo;
      discardBtn.disabled = !d.undo;
    }, function (err) {
      diffBox.textContent = "";
      diffBox.appendChild(make("p", {}, err.error || "The diff is not available."));
      undoBtn.disabled = discardBtn.disabled = true;
    });
  }
  showDiff();

  undoBtn.addEventListener("click", function () { write("undo", {}, "Undone.").catch(function () {}); });
  var discardArmed = null;
  discardBtn.addEventListener("click", function () {
    if (!discardArmed) {
      discardBtn.textContent = "Really discard all?";
      discardArmed = setTimeout(function () { discardArmed = null; discardBtn.textContent = "Discard all"; }, 5000);
      return;
    }
    clearTimeout(discardArmed);
    write("discard", {}, "Every change of the desk is discarded.").catch(function () {});
  });
  prBtn.addEventListener("click", function () {
    call("pr", {}).then(function (res) {
      prBox.textContent = "";
      prBox.appendChild(make("p", {}, "Committed on the branch " + res.branch + ". To open the pull request, push it:"));
      prBox.appendChild(make("pre", {}, res.push));
      if (/^https?:\/\//.test(res.compare || "")) {
        var p = make("p");
        p.appendChild(make("a", {href: res.compare, rel: "noopener", target: "_blank"}, "Compare and open the pull request"));
        prBox.appendChild(p);
      }
      say("Committed on the branch " + res.branch + ".");
      showDiff();
    }, fail);
  });

  // ---- The backlog: reorder the ranked items, rank and unrank proposals.
  function table(section) {
    var s = document.querySelector('section[aria-labelledby="' + section + '"]');
    return s && s.querySelector("table.items");
  }
  var ranked = table("backlog"), unranked = table("unranked");
  function rows() {
    var out = [];
    [ranked, unranked].forEach(function (t) {
      if (t) out.push.apply(out, t.querySelectorAll("tbody tr[data-item]"));
    });
    return out;
  }
  function titleOf(holder) {
    var a = holder.querySelector("a");
    return a ? a.textContent : holder.getAttribute("data-item");
  }
  function place(row) {
    var inRanked = ranked && ranked.contains(row);
    if (!inRanked) return "in the unranked proposals";
    var list = Array.prototype.slice.call(ranked.querySelectorAll("tbody tr[data-item]"));
    return "position " + (list.indexOf(row) + 1) + " of " + list.length + " in the backlog";
  }
  // request says where a row now stands, as a desk request.
  function request(row, wasRanked) {
    var id = row.getAttribute("data-item");
    if (!ranked || !ranked.contains(row)) {
      return wasRanked ? {item: id, unrank: true} : null;
    }
    var list = Array.prototype.slice.call(ranked.querySelectorAll("tbody tr[data-item]"));
    var i = list.indexOf(row);
    if (i + 1 < list.length) return {item: id, before: list[i + 1].getAttribute("data-item")};
    if (i > 0) return {item: id, after: list[i - 1].getAttribute("data-item")};
    return {item: id, top: true};
  }
  function commitRow(row, origin) {
    var wasRanked = ranked && ranked.contains(origin.parent);
    var req = request(row, wasRanked);
    if (!req || (origin.parent === row.parentNode && origin.next === row.nextSibling)) {
      putBack(row, origin);
      say(req ? titleOf(row) + " did not move." : "Unranked proposals are listed newest first: move one into the backlog to rank it.");
      return;
    }
    var done = req.unrank ? titleOf(row) + " is unranked." : titleOf(row) + " moved to " + place(row) + ".";
    write("rank", req, done).catch(function () { putBack(row, origin); });
  }
  function putBack(row, origin) {
    origin.parent.insertBefore(row, origin.next);
    row.classList.remove("desk-grabbed");
  }
  function originOf(row) { return {parent: row.parentNode, next: row.nextSibling}; }

  function handleFor(row, label) {
    var h = make("button", {type: "button", "class": "desk-handle", "data-desk": "handle",
      "aria-label": label, "aria-describedby": "desk-help", "aria-pressed": "false"}, "⠿");
    return h;
  }

  rows().forEach(function (row) {
    var h = handleFor(row, "Move " + titleOf(row));
    var cell = row.querySelector("td.rank") || row.firstElementChild;
    cell.insertBefore(h, cell.firstChild);
    var grabbed = null; // the origin while the row is picked up with the keyboard
    h.addEventListener("keydown", function (e) {
      var list = rows(), i = list.indexOf(row);
      if (!grabbed && (e.key === "Home" || e.key === "End")) {
        e.preventDefault();
        var origin = originOf(row);
        if (e.key === "Home") {
          var first = ranked && ranked.querySelector("tbody tr[data-item]");
          if (first && first !== row) first.parentNode.insertBefore(row, first);
          else if (!first) { write("rank", {item: row.getAttribute("data-item"), top: true}, titleOf(row) + " is ranked first.").catch(function () {}); return; }
        } else {
          var all = ranked ? ranked.querySelectorAll("tbody tr[data-item]") : [];
          var last = all[all.length - 1];
          if (last && last !== row) last.parentNode.insertBefore(row, last.nextSibling);
        }
        commitRow(row, origin);
        return;
      }
      if (e.key === " " || e.key === "Enter") {
        e.preventDefault();
        if (!grabbed) {
          grabbed = originOf(row);
          row.classList.add("desk-grabbed");
          h.setAttribute("aria-pressed", "true");
          say("Picked up " + titleOf(row) + ", " + place(row) + ". Move it with the arrow keys, put it down with Space or Enter.");
        } else {
          var o = grabbed;
          grabbed = null;
          h.setAttribute("aria-pressed", "false");
          row.classList.remove("desk-grabbed");
          commitRow(row, o);
        }
        return;
      }
      if (grabbed && e.key === "Escape") {
        e.preventDefault();
        putBack(row, grabbed);
        grabbed = null;
        h.setAttribute("aria-pressed", "false");
        h.focus();
        say("Cancelled: " + titleOf(row) + " is back where it was.");
        return;
      }
      if (grabbed && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
        e.preventDefault();
        var j = e.key === "ArrowUp" ? i - 1 : i + 1;
        if (j >= 0 && j < list.length) {
          var other = list[j];
          // Across the border of the two lists, the first step puts it at the border.
          var across = !!ranked && ranked.contains(other) !== ranked.contains(row);
          if (e.key === "ArrowUp" && !across || e.key === "ArrowDown" && across) other.parentNode.insertBefore(row, other);
          else other.parentNode.insertBefore(row, other.nextSibling);
        } else if (e.key === "ArrowDown" && unranked && !unranked.contains(row)) {
          unranked.querySelector("tbody").appendChild(row);
        } else if (e.key === "ArrowUp" && ranked && !ranked.contains(row)) {
          ranked.querySelector("tbody:last-of-type").appendChild(row);
        }
        h.focus();
        say(titleOf(row) + ": " + place(row) + ".");
      }
    });
    dragWith(h, row, function (x, y) {
      var over = document.elementFromPoint(x, y);
      var target = over && over.closest("tr[data-item]");
      if (!target || target === row || !(ranked && ranked.contains(target) || unranked && unranked.contains(target))) return;
      var box = target.getBoundingClientRect();
      target.parentNode.insertBefore(row, y < box.top + box.height / 2 ? target : target.nextSibling);
    }, function (origin) { commitRow(row, origin); });
  });

  // dragWith lets the pointer drag a handle: move(x, y) places the item as it goes,
  // drop(origin) commits where it ended.
  function dragWith(handle, item, move, drop) {
    handle.addEventListener("pointerdown", function (e) {
      if (e.button !== 0 || busy) return;
      e.preventDefault();
      // Listened for on the document: moving the item in the page releases any
      // pointer capture the handle had.
      var origin = originOf(item), moved = false, id = e.pointerId;
      item.classList.add("desk-grabbed");
      function onMove(ev) {
        if (ev.pointerId !== id) return;
        ev.preventDefault();
        moved = true;
        move(ev.clientX, ev.clientY);
      }
      function onUp(ev) {
        if (ev.pointerId !== id) return;
        document.removeEventListener("pointermove", onMove);
        document.removeEventListener("pointerup", onUp);
        document.removeEventListener("pointercancel", onUp);
        item.classList.remove("desk-grabbed");
        handle.focus();
        if (moved && ev.type === "pointerup") drop(origin);
        else if (moved) putBack(item, origin);
      }
      document.addEventListener("pointermove", onMove);
      document.addEventListener("pointerup", onUp);
      document.addEventListener("pointercancel", onUp);
    });
  }

  // ---- The board: move cards across columns; a card's menu sets release, goal, owner.
  var columns = Array.prototype.slice.call(document.querySelectorAll(".board section.column"));
  function statusOf(column) { return column.querySelector("h2").id.replace(/^col-/, ""); }
  function statusTitle(id) {
    for (var i = 0; i < cfg.statuses.length; i++) if (cfg.statuses[i].id === id) return cfg.statuses[i].title;
    return id;
  }
  function putInColumn(card, column) {
    var list = column.querySelector("ol.cards");
    if (!list) { list = make("ol", {"class": "cards chunk"}); column.appendChild(list); }
    list.insertBefore(card, list.firstChild);
  }
  function commitCard(card, origin) {
    var column = card.closest("section.column");
    if (column === origin.parent.closest("section.column")) { putBack(card, origin); return; }
    var status = statusOf(column);
    write("field", {item: card.getAttribute("data-item"), field: "status", value: status},
      titleOf(card) + " moved to " + statusTitle(status) + ".").catch(function () { putBack(card, origin); });
  }
  columns.forEach(function (column) {
    column.querySelectorAll("li.card[data-item]").forEach(function (card) {
      var bar = make("div", {"class": "desk-card-tools"});
      var h = make("button", {type: "button", "class": "desk-handle", "data-desk": "handle",
        "aria-label": "Move " + titleOf(card) + " to another column (Left and Right arrow keys)"}, "⠿");
      var m = make("button", {type: "button", "class": "desk-menu-button", "data-desk": "menu",
        "aria-label": "Change " + titleOf(card), "aria-expanded": "false"}, "⋯");
      bar.append(h, m);
      card.insertBefore(bar, card.firstChild);
      h.addEventListener("keydown", function (e) {
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        e.preventDefault();
        var k = columns.indexOf(card.closest("section.column")) + (e.key === "ArrowLeft" ? -1 : 1);
        if (k < 0 || k >= columns.length) return;
        var origin = originOf(card);
        putInColumn(card, columns[k]);
        h.focus();
        commitCard(card, origin);
      });
      dragWith(h, card, function (x, y) {
        var over = document.elementFromPoint(x, y);
        var column = over && over.closest(".board section.column");
        if (column && column !== card.closest("section.column")) putInColumn(card, column);
      }, function (origin) { commitCard(card, origin); });
      m.addEventListener("click", function () { toggleMenu(card, m); });
    });
  });

  function toggleMenu(card, button) {
    var open = card.querySelector(".desk-menu");
    if (open) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
    var menu = make("div", {"class": "desk-menu", role: "group", "aria-label": "Change " + titleOf(card)});
    function select(field, label, choices, current, none) {
      var id = "desk-" + field + "-" + card.getAttribute("data-item");
      var wrap = make("p");
      wrap.appendChild(make("label", {"for": id}, label));
      var s = make("select", {id: id, "data-desk": field});
      if (none) s.appendChild(make("option", {value: ""}, "none"));
      choices.forEach(function (c) {
        var o = make("option", {value: c.id}, c.title);
        if (c.id === current) o.selected = true;
        s.appendChild(o);
      });
      s.addEventListener("change", function () {
        write("field", {item: card.getAttribute("data-item"), field: field, value: s.value},
          label + " of " + titleOf(card) + " set to " + (s.value || "none") + ".").catch(function () {});
      });
      wrap.appendChild(s);
      menu.appendChild(wrap);
    }
    select("status", "Status", cfg.statuses, card.getAttribute("data-status"), false);
    select("release", "Release", cfg.releases, card.getAttribute("data-release"), true);
    select("goal", "Goal", cfg.goals, card.getAttribute("data-goal"), true);
    var ownerId = "desk-owner-" + card.getAttribute("data-item");
    var form = make("form");
    form.appendChild(make("label", {"for": ownerId}, "Owner"));
    var input = make("input", {id: ownerId, "data-desk": "owner", value: card.getAttribute("data-owner") || "", autocomplete: "off"});
    form.append(input, make("button", {type: "submit"}, "Set"));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      write("field", {item: card.getAttribute("data-item"), field: "owner", value: input.value.trim()},
        "Owner of " + titleOf(card) + " set to " + (input.value.trim() || "none") + ".").catch(function () {});
    });
    menu.appendChild(form);
    menu.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { menu.remove(); button.setAttribute("aria-expanded", "false"); button.focus(); }
    });
    card.appendChild(menu);
    button.setAttribute("aria-expanded", "true");
    menu.querySelector("select").focus();
  }
})();
