(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("once-data").textContent);
  var kinds = data.kinds, docs = data.docs, clusters = data.clusters;
  var PAGE = 50, EAGER_CHARS = 200000, MAX_COPIES = 200;
  var clusterById = {};
  clusters.forEach(function (c) { clusterById[c.id] = c; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.setAttribute("href", href);
    return a;
  }
  function fmtBytes(n) {
    if (n < 1024) return n + " B";
    var units = ["KiB", "MiB", "GiB", "TiB"], v = n / 1024, u = 0;
    while (v >= 1024 && u + 1 < units.length) { v /= 1024; u++; }
    return v.toFixed(1) + " " + units[u];
  }
  function pct(part, whole) { return (whole ? (100 * part / whole) : 0).toFixed(1) + "%"; }
  function word(k) { return kinds[k].replace("_", "-"); }
  function highlighted(d) { return d.spans.length > 0 || d.kept.length > 0; }

  function renderPager(box, page, pages, total, noun, go) {
    box.textContent = "";
    var prev = el("button", null, "\u2039 Previous");
    prev.disabled = page <= 0;
    prev.addEventListener("click", function () { go(page - 1); });
    var next = el("button", null, "Next \u203a");
    next.disabled = page >= pages - 1;
    next.addEventListener("click", function () { go(page + 1); });
    box.appendChild(prev);
    box.appendChild(el("span", "muted", "Page " + (page + 1) + " of " + pages + " \u00b7 " + total + " " + noun[total === 1 ? 0 : 1]));
    box.appendChild(next);
  }

  // ---- clusters ---------------------------------------------------------------------------
  var clusterBody = document.getElementById("cluster-rows");
  var clusterPager = document.getElementById("cluster-pager");
  function renderClusters(page) {
    var pages = Math.max(1, Math.ceil(clusters.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    clusterBody.textContent = "";
    for (var n = page * PAGE; n < Math.min(clusters.length, (page + 1) * PAGE); n++) {
      var c = clusters[n], tr = el("tr");
      tr.appendChild(el("td", "num", "#" + c.id));
      var kindCell = el("td");
      kindCell.appendChild(el("span", "badge kind-" + kinds[c.kind], word(c.kind)));
      tr.appendChild(kindCell);
      tr.appendChild(el("td", "num", String(c.copies.length)));
      tr.appendChild(el("td", "num", fmtBytes(c.bytes)));
      var keptCell = el("td");
      if (c.kept) keptCell.appendChild(link("#d" + c.kept[0] + "-k" + c.kept[1], docs[c.kept[0]].id + ":" + c.kept[2]));
      else keptCell.textContent = "unknown";
      tr.appendChild(keptCell);
      var copyCell = el("td", "copies");
      c.copies.slice(0, 5).forEach(function (cp) {
        copyCell.appendChild(link("#d" + cp[0] + "-s" + cp[1], docs[cp[0]].id + ":" + cp[2]));
        copyCell.appendChild(document.createTextNode(" "));
      });
      if (c.copies.length > 5) copyCell.appendChild(el("span", "muted", "+" + (c.copies.length - 5) + " more"));
      tr.appendChild(copyCell);
      tr.appendChild(el("td", "excerpt", c.excerpt));
      clusterBody.appendChild(tr);
    }
    if (!clusters.length) {
      var empty = el("tr"), td = el("td", "empty", "No clusters: nothing was copied.");
      td.colSpan = 7; empty.appendChild(td); clusterBody.appendChild(empty);
    }
    renderPager(clusterPager, page, pages, clusters.length, ["cluster", "clusters"], renderClusters);
  }

  // ---- documents --------------------------------------------------------------------------
  var list = document.getElementById("doc-list");
  var docPager = document.getElementById("doc-pager");
  var filter = document.getElementById("doc-filter");
  var onlyHighlighted = document.getElementById("doc-only");
  var sortBy = document.getElementById("doc-sort");
  var state = { page: 0, order: [] };

  function ratio(i) { return docs[i].bytes ? docs[i].removed / docs[i].bytes : 0; }
  function computeOrder() {
    var q = filter.value.toLowerCase(), only = onlyHighlighted.checked, order = [];
    for (var i = 0; i < docs.length; i++) {
      if (only && !highlighted(docs[i])) continue;
      if (q && docs[i].id.toLowerCase().indexOf(q) < 0) continue;
      order.push(i);
    }
    if (sortBy.value === "share")
      order.sort(function (a, b) { return ratio(b) - ratio(a) || docs[b].removed - docs[a].removed || a - b; });
    else if (sortBy.value === "bytes")
      order.sort(function (a, b) { return docs[b].removed - docs[a].removed || a - b; });
    state.order = order;
  }
  function renderPage(page) {
    var pages = Math.max(1, Math.ceil(state.order.length / PAGE));
    state.page = Math.min(Math.max(0, page), pages - 1);
    list.textContent = "";
    var end = Math.min(state.order.length, (state.page + 1) * PAGE);
    for (var n = state.page * PAGE; n < end; n++) list.appendChild(docEntry(state.order[n]));
    if (!state.order.length) list.appendChild(el("p", "empty", docs.length ? "No document matches." : "No documents."));
    renderPager(docPager, state.page, pages, state.order.length, ["document", "documents"], renderPage);
  }
  function docEntry(i) {
    var d = docs[i], det = el("details", "doc"), sum = el("summary");
    det.id = "d" + i;
    det.setAttribute("data-doc", i);
    sum.appendChild(el("span", "doc-id", d.id));
    sum.appendChild(el("span", "doc-meta", fmtBytes(d.bytes) + " \u00b7 " + pct(d.removed, d.bytes) + " removed"));
    d.counts.forEach(function (n, k) {
      if (n) sum.appendChild(el("span", "badge kind-" + kinds[k], n + " " + word(k)));
    });
    if (d.kept.length) sum.appendChild(el("span", "badge kept", d.kept.length + " kept"));
    det.appendChild(sum);
    det.addEventListener("toggle", function () { if (det.open) renderDoc(det); });
    return det;
  }
  function spanTitle(s) {
    var t = word(s[2]);
    if (s[3]) t += " \u00b7 cluster " + s[3];
    if (s[2] === 1 || s[9] === "shape") t += " \u00b7 similarity " + s[4].toFixed(2);
    if (s[10]) t += " \u00b7 in " + s[10] + " documents";
    if (s[6] >= 0) t += " \u00b7 kept copy: " + docs[s[6]].id + " line " + s[8] + " (click to go there)";
    return t;
  }
  function keptTitle(r) {
    return "kept copy (cluster " + r[3].join(", ") + ") \u00b7 click to list the removed copies";
  }
  function anchor(id) { var a = el("span", "kept-anchor"); a.id = id; return a; }
  function buildText(i, d) {
    var t = d.text, spans = d.spans, kept = d.kept, cuts = [0, t.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    kept.forEach(function (r) { cuts.push(r[0], r[1]); });
    cuts.sort(function (a, b) { return a - b; });
    var out = el("div", "text"), si = 0, spanEl = null, spanAt = -1, placed = {};
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], b = cuts[c + 1];
      if (a === b) continue;
      while (si < spans.length && spans[si][1] <= a) si++;
      var inSpan = si < spans.length && spans[si][0] <= a;
      var active = [], ids = [];
      kept.forEach(function (r) {
        var id = "d" + i + "-k" + r[2];
        if (r[0] <= a && !placed[id]) { placed[id] = true; ids.push(id); }
        if (r[0] <= a && a < r[1]) active.push(r);
      });
      var piece = document.createTextNode(t.slice(a, b));
      if (inSpan) {
        if (spanAt !== si) {
          var s = spans[si], kind = kinds[s[2]];
          spanEl = el(s[6] >= 0 ? "a" : "span", "span kind-" + kind);
          spanEl.id = "d" + i + "-s" + si;
          spanEl.setAttribute("data-kind", kind);
          if (s[6] >= 0) spanEl.setAttribute("href", "#d" + s[6] + "-k" + s[7]);
          spanEl.title = spanTitle(s);
          out.appendChild(spanEl);
          spanAt = si;
        }
        ids.forEach(function (id) { spanEl.appendChild(anchor(id)); });
        spanEl.appendChild(piece);
      } else if (active.length) {
        var mark = el("mark", "kept"), seen = {}, cl = [];
        active.forEach(function (r) { r[3].forEach(function (x) { if (!seen[x]) { seen[x] = 1; cl.push(x); } }); });
        if (ids.length) mark.id = ids.shift();
        ids.forEach(function (id) { out.appendChild(anchor(id)); });
        mark.setAttribute("data-clusters", cl.join(" "));
        mark.title = keptTitle([0, 0, 0, cl]);
        mark.tabIndex = 0;
        mark.appendChild(piece);
        out.appendChild(mark);
      } else {
        ids.forEach(function (id) { out.appendChild(anchor(id)); });
        out.appendChild(piece);
      }
    }
    kept.forEach(function (r) {
      var id = "d" + i + "-k" + r[2];
      if (!placed[id]) out.appendChild(anchor(id));
    });
    return out;
  }
  function renderDoc(det) {
    if (det.getAttribute("data-rendered")) return;
    det.setAttribute("data-rendered", "1");
    var i = +det.getAttribute("data-doc"), d = docs[i], body = el("div", "doc-body");
    if (typeof d.text !== "string")
      body.appendChild(el("p", "empty", "Nothing was removed from this document and it holds no kept copy, so its text is not embedded."));
    else if (!d.text.length)
      body.appendChild(el("p", "empty", "This document is empty."));
    else
      body.appendChild(buildText(i, d));
    det.appendChild(body);
  }
  function showDoc(i) {
    var pos = state.order.indexOf(i);
    if (pos < 0) {
      filter.value = ""; onlyHighlighted.checked = false; computeOrder();
      pos = state.order.indexOf(i);
    }
    var page = Math.floor(pos / PAGE);
    if (page !== state.page || !document.getElementById("d" + i)) renderPage(page);
    var det = document.getElementById("d" + i);
    det.open = true;
    renderDoc(det);
    return det;
  }
  function flash(node) {
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
  }
  function route() {
    var h = location.hash.slice(1), m = /^d(\d+)(?:-[sk]\d+)?$/.exec(h);
    if (!m || +m[1] >= docs.length) return;
    var det = showDoc(+m[1]), target = document.getElementById(h) || det;
    target.scrollIntoView({ block: "center" });
    flash(target.classList.contains("kept-anchor") && target.nextSibling && target.nextSibling.nodeType === 1 ? target.nextSibling : target);
  }

  // ---- copies panel (from a kept copy back to the removed copies) ---------------------------
  var panel = document.getElementById("copies");
  function showCopies(ids) {
    panel.textContent = "";
    var close = el("button", "close", "\u00d7");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.appendChild(el("h3", null, "Removed copies of this passage"));
    ids.forEach(function (id) {
      var c = clusterById[id];
      if (!c) return;
      panel.appendChild(el("p", "muted", "Cluster #" + id + " \u00b7 " + word(c.kind) + " \u00b7 " + c.copies.length + " copies"));
      var ul = el("ul");
      c.copies.slice(0, MAX_COPIES).forEach(function (cp) {
        var li = el("li");
        li.appendChild(link("#d" + cp[0] + "-s" + cp[1], docs[cp[0]].id + " line " + cp[2]));
        ul.appendChild(li);
      });
      if (c.copies.length > MAX_COPIES) ul.appendChild(el("li", "muted", (c.copies.length - MAX_COPIES) + " more"));
      panel.appendChild(ul);
    });
    panel.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var node = ev.target;
    while (node && node.nodeType === 1 && !(node.tagName === "A" || node.tagName === "MARK")) node = node.parentNode;
    if (!node || node.nodeType !== 1) return;
    if (node.tagName === "MARK" && node.classList.contains("kept")) {
      showCopies(node.getAttribute("data-clusters").split(" ").filter(Boolean).map(Number));
      return;
    }
    var href = node.getAttribute("href");
    // Clicking the link to the place already in the address bar fires no hashchange.
    if (href && href.charAt(0) === "#" && href === location.hash) { ev.preventDefault(); route(); }
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.tagName === "MARK" && t.classList.contains("kept")) {
      ev.preventDefault();
      t.click();
    }
    if (ev.key === "Escape") panel.hidden = true;
  });
  window.addEventListener("hashchange", route);
  [filter, onlyHighlighted, sortBy].forEach(function (input) {
    input.addEventListener(input === filter ? "input" : "change", function () { computeOrder(); renderPage(0); });
  });

  // ---- start ---------------------------------------------------------------------------------
  document.getElementById("viewer").hidden = false;
  computeOrder();
  renderPage(0);
  renderClusters(0);
  if (location.hash.length > 1) {
    route();
  } else {
    // Open the first page's highlighted documents up to a text budget (always the first one
    // with removed spans) so the report shows something at once.
    var budget = EAGER_CHARS, first = true;
    Array.prototype.forEach.call(list.querySelectorAll("details.doc"), function (det) {
      var d = docs[+det.getAttribute("data-doc")];
      if (typeof d.text !== "string" || !highlighted(d)) return;
      if (first && d.spans.length) first = false;
      else if (d.text.length > budget) return;
      budget -= d.text.length;
      det.open = true;
      renderDoc(det);
    });
  }
})();
