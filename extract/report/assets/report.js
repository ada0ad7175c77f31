// extract report: sorting, filtering and paging tables; marking a fact's evidence;
// toggling highlight kinds; ringing a document's own points in its charts.
"use strict";
(function () {
  document.documentElement.classList.add("js");

  function cellValue(row, index, type) {
    const cell = row.cells[index];
    if (!cell) return type === "num" ? -Infinity : "";
    const raw = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
    if (type === "num") {
      const n = parseFloat(raw.replace(/[^0-9eE.+-]/g, ""));
      return Number.isNaN(n) ? -Infinity : n;
    }
    return raw.toLowerCase();
  }

  function makeSortable(table, onSorted) {
    const headers = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    headers.forEach(function (th, index) {
      th.tabIndex = 0;
      function sort() {
        const asc = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const type = th.dataset.type || "text";
        const body = table.tBodies[0];
        const rows = Array.from(body.rows).map(function (row, i) {
          return { row: row, key: cellValue(row, index, type), i: i };
        });
        rows.sort(function (a, b) {
          if (a.key < b.key) return asc ? -1 : 1;
          if (a.key > b.key) return asc ? 1 : -1;
          return a.i - b.i;
        });
        const frag = document.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r.row); });
        body.appendChild(frag);
        if (onSorted) onSorted();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }

  // A table whose rows are filtered by a search box (and a status select) and paged.
  function pagedTable(table, opts) {
    const filter = document.getElementById("filter");
    const status = document.getElementById("status-filter");
    const size = document.getElementById("page-size");
    const prev = document.getElementById("prev");
    const next = document.getElementById("next");
    const info = document.getElementById("page-info");
    let page = 0;
    const texts = new Map();
    Array.from(table.tBodies[0].rows).forEach(function (row) {
      texts.set(row, row.textContent.toLowerCase());
    });
    function render() {
      const q = filter ? filter.value.trim().toLowerCase() : "";
      const st = status ? status.value : "";
      const per = size ? parseInt(size.value, 10) : 0;
      const rows = Array.from(table.tBodies[0].rows);
      const shown = rows.filter(function (row) {
        return (!q || texts.get(row).indexOf(q) >= 0) && (!st || row.dataset.status === st);
      });
      const pages = per > 0 ? Math.max(1, Math.ceil(shown.length / per)) : 1;
      page = Math.min(page, pages - 1);
      const from = per > 0 ? page * per : 0;
      const to = per > 0 ? from + per : shown.length;
      const visible = new Set(shown.slice(from, to));
      rows.forEach(function (row) { row.classList.toggle("hidden", !visible.has(row)); });
      if (info) {
        info.textContent = shown.length
          ? "rows " + (from + 1) + "–" + Math.min(to, shown.length) + " of " + shown.length +
            (shown.length < rows.length ? " (filtered from " + rows.length + ")" : "")
          : "no rows match";
      }
      if (prev) prev.disabled = page === 0;
      if (next) next.disabled = page >= pages - 1;
    }
    [filter, status, size].forEach(function (el) {
      if (!el) return;
      ["input", "change"].forEach(function (type) {
        el.addEventListener(type, function () { page = 0; render(); });
      });
    });
    if (prev) prev.addEventListener("click", function () { page -= 1; render(); });
    if (next) next.addEventListener("click", function () { page += 1; render(); });
    makeSortable(table, render);
    render();
    return render;
  }

  // Clicking a fact marks its evidence and its mentions and scrolls to them.
  function factLinks() {
    let lit = [];
    document.querySelectorAll("a.ev-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        lit.forEach(function (el) { el.classList.remove("lit", "selected"); });
        lit = Array.from(document.querySelectorAll('.ev[data-ev~="' + link.dataset.ev + '"]'));
        (link.dataset.m || "").split(" ").forEach(function (id) {
          const mark = id && document.getElementById(id);
          if (mark) lit.push(mark);
        });
        lit.forEach(function (el) { el.classList.add("lit"); });
        const row = link.closest("tr");
        if (row) { row.classList.add("selected"); lit.push(row); }
        const anchor = document.getElementById("ev-" + link.dataset.ev);
        const target = anchor || lit[0];
        if (target) target.scrollIntoView({ block: "center" });
        if (history.replaceState) history.replaceState(null, "", "#ev-" + link.dataset.ev);
      });
    });
  }

  function kindToggles() {
    const text = document.getElementById("doc-text");
    document.querySelectorAll("button.kind-toggle").forEach(function (button) {
      button.addEventListener("click", function () {
        const on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", on ? "true" : "false");
        if (text) text.classList.toggle("off-" + button.dataset.kind, !on);
      });
    });
  }

  function ringOwnPoints() {
    document.querySelectorAll("tr[data-pt]").forEach(function (row) {
      document.querySelectorAll('g.pt[data-pt="' + row.dataset.pt + '"]').forEach(function (g) {
        g.classList.add("this");
      });
    });
  }

  const page = document.body.dataset.page;
  if (page === "index") {
    const docs = document.getElementById("docs");
    if (docs) pagedTable(docs);
    document.querySelectorAll("table.sortable:not(#docs)").forEach(function (t) { makeSortable(t); });
  } else if (page === "charts") {
    const list = document.getElementById("chart-list");
    if (list) pagedTable(list);
  } else {
    document.querySelectorAll("table.sortable").forEach(function (t) { makeSortable(t); });
  }
  if (page === "document") {
    factLinks();
    kindToggles();
    ringOwnPoints();
  }
})();
