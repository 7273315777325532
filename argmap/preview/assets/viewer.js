// argmap viewer: pan, zoom, search and a side panel over a Graphviz SVG of an argument map.
// The same script runs in the live preview (`argmap preview`, which adds server-sent updates)
// and in the self-contained HTML export (opened from disk, offline). It fetches nothing:
// in the preview it only listens to the page's own /events stream.
//
// The page hands it a JSON state: {live, version, data, problems}. `data.nodes` is keyed by the
// SVG element id of each node (claim-ID, argument-ID, question, question-QID); every string in
// it is put into the page as text, never as markup.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const view = $("am-view");
  const diagram = $("am-diagram");
  const panel = $("am-panel");
  const panelBody = $("am-panel-body");
  const banner = $("am-banner");
  const searchBox = $("am-search");
  const countLabel = $("am-count");
  const statusLabel = $("am-status");

  const initial = JSON.parse($("am-state").textContent);
  let data = initial.data || { nodes: {}, paragraphs: {} };
  let version = initial.version || 0;

  // The view: a point (x, y) of the SVG's own coordinates is shown at k*x + tx, k*y + ty
  // pixels from the diagram area's top left corner.
  let svg = null;
  let box = null; // the diagram's own extent (its original viewBox)
  let k = 1;
  let tx = 0;
  let ty = 0;
  let fitted = false;
  const MIN_SCALE = 0.02;
  const MAX_SCALE = 8;
  const READABLE = 0.75; // centring a node zooms in to 1:1 when the view is smaller than this

  let selected = null;
  let pending = null; // a node the editor selected that the page does not have yet
  let matches = [];
  let current = -1;
  let haystacks = null;

  // --- the diagram ---------------------------------------------------------------------

  function adopt() {
    svg = diagram.querySelector("svg");
    haystacks = null;
    if (!svg) return;
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) {
      box = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    } else {
      const b = svg.getBBox();
      box = { x: b.x, y: b.y, w: b.width || 1, h: b.height || 1 };
    }
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    for (const a of svg.querySelectorAll("a")) a.setAttribute("tabindex", "-1");
  }

  function size() {
    return { w: view.clientWidth || 1, h: view.clientHeight || 1 };
  }

  function apply() {
    if (!svg) return;
    const { w, h } = size();
    svg.setAttribute("viewBox", `${-tx / k} ${-ty / k} ${w / k} ${h / k}`);
  }

  function fit() {
    if (!svg) return;
    const { w, h } = size();
    const pad = 16;
    k = Math.min((w - 2 * pad) / box.w, (h - 2 * pad) / box.h, 2);
    k = Math.max(k, MIN_SCALE);
    tx = (w - box.w * k) / 2 - box.x * k;
    ty = (h - box.h * k) / 2 - box.y * k;
    fitted = true;
    apply();
  }

  function zoomAt(factor, px, py) {
    const nk = Math.min(MAX_SCALE, Math.max(MIN_SCALE, k * factor));
    tx = px - ((px - tx) / k) * nk;
    ty = py - ((py - ty) / k) * nk;
    k = nk;
    apply();
  }

  function zoomCentre(factor) {
    const { w, h } = size();
    zoomAt(factor, w / 2, h / 2);
  }

  function pan(dx, dy) {
    tx += dx;
    ty += dy;
    apply();
  }

  function nodeElement(id) {
    return svg ? svg.querySelector(`g.node[id="${CSS.escape(id)}"]`) : null;
  }

  // Bring a node to the middle of the view, zooming in to 1:1 first when the view is too small to read.
  function centre(id) {
    const node = nodeElement(id);
    if (!node) return false;
    const r = node.getBoundingClientRect();
    const v = view.getBoundingClientRect();
    const { w, h } = size();
    const ux = (r.left + r.width / 2 - v.left - tx) / k;
    const uy = (r.top + r.height / 2 - v.top - ty) / k;
    if (k < READABLE) k = 1;
    tx = w / 2 - ux * k;
    ty = h / 2 - uy * k;
    apply();
    return true;
  }

  function replaceDiagram(markup) {
    // Parsed in an inert template first, then moved in: a third faster than innerHTML on the page.
    const template = document.createElement("template");
    template.innerHTML = markup;
    diagram.replaceChildren(template.content);
    adopt();
    if (!svg) return;
    if (fitted) apply();
    else fit();
  }

  // --- pointer, wheel and keys ------------------------------------------------------------

  let drag = null;

  view.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId, target: e.target };
  });

  view.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      view.setPointerCapture(e.pointerId);
      view.classList.add("am-dragging");
    }
    drag.x = e.clientX;
    drag.y = e.clientY;
    pan(dx, dy);
  });

  function endDrag(e) {
    if (!drag || e.pointerId !== drag.id) return;
    const wasClick = !drag.moved && e.type === "pointerup";
    const target = drag.target;
    drag = null;
    view.classList.remove("am-dragging");
    if (view.hasPointerCapture(e.pointerId)) view.releasePointerCapture(e.pointerId);
    if (!wasClick) return;
    const node = target instanceof Element ? target.closest("g.node") : null;
    if (node && data.nodes[node.id]) select(node.id, false);
  }
  view.addEventListener("pointerup", endDrag);
  view.addEventListener("pointercancel", endDrag);

  // A click on a node opens the side panel; the article link is there, not on the node.
  for (const type of ["click", "auxclick"]) {
    view.addEventListener(type, (e) => {
      if (e.target instanceof Element && e.target.closest("a")) e.preventDefault();
    });
  }

  view.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? size().h : 1;
      const v = view.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * unit * 0.0015), e.clientX - v.left, e.clientY - v.top);
    },
    { passive: false },
  );

  window.addEventListener("resize", apply);

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (typing) {
      if (e.target === searchBox && e.key === "Enter") {
        e.preventDefault();
        step(e.shiftKey ? -1 : 1, true);
      } else if (e.key === "Escape") {
        e.target.blur();
        if (e.target === searchBox) clearSearch();
      }
      return;
    }
    const moves = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
    if (e.key === "+" || e.key === "=") zoomCentre(1.25);
    else if (e.key === "-" || e.key === "_") zoomCentre(0.8);
    else if (e.key === "0") fit();
    else if (e.key === "/") searchBox.focus();
    else if (e.key === "Escape") close();
    else if (moves[e.key]) pan(...moves[e.key]);
    else return;
    e.preventDefault();
  });

  $("am-zoom-in").addEventListener("click", () => zoomCentre(1.25));
  $("am-zoom-out").addEventListener("click", () => zoomCentre(0.8));
  $("am-fit").addEventListener("click", fit);
  $("am-panel-close").addEventListener("click", close);

  // --- search -------------------------------------------------------------------------------

  // Folded as argmap compares quotes: case, curly quotes and dashes, runs of space.
  function fold(text) {
    return String(text)
      .toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032`\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-")
      .replace(/\s+/g, " ")
      .trim();
  }

  function haystack(id) {
    if (!haystacks) haystacks = new Map();
    let text = haystacks.get(id);
    if (text === undefined) {
      const n = data.nodes[id];
      const parts = [n.id, n.text, ...n.quotes.map((q) => q.quote), ...n.facts.map((f) => f[1])];
      text = fold(parts.join("\n"));
      haystacks.set(id, text);
    }
    return text;
  }

  function search(centreFirst) {
    const q = fold(searchBox.value);
    for (const el of svg ? svg.querySelectorAll(".am-match") : []) el.classList.remove("am-match", "am-current");
    matches = [];
    current = -1;
    if (!svg || !q) {
      if (svg) svg.classList.remove("am-searching");
      countLabel.textContent = "";
      return;
    }
    for (const el of svg.querySelectorAll("g.node")) {
      if (data.nodes[el.id] && haystack(el.id).includes(q)) {
        matches.push(el.id);
        el.classList.add("am-match");
      }
    }
    svg.classList.add("am-searching");
    if (!matches.length) {
      countLabel.textContent = "no match";
      return;
    }
    current = 0;
    mark();
    if (centreFirst) centre(matches[0]);
  }

  function mark() {
    for (const el of svg.querySelectorAll(".am-current")) el.classList.remove("am-current");
    const el = nodeElement(matches[current]);
    if (el) el.classList.add("am-current");
    countLabel.textContent = `${current + 1} of ${matches.length}`;
  }

  function step(by, open) {
    if (!matches.length) {
      search(true);
      if (!matches.length) return;
      by = 0;
    } else if (open && matches[current] !== selected) {
      by = 0; // the first Enter opens the match in view; the next ones move on
    }
    current = (current + by + matches.length) % matches.length;
    mark();
    if (open) select(matches[current], true);
    else centre(matches[current]);
  }

  function clearSearch() {
    searchBox.value = "";
    search(false);
  }

  let searchTimer = 0;
  searchBox.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search(true), 120);
  });

  // --- the side panel -------------------------------------------------------------------

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "class") e.className = value;
      else e.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      e.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return e;
  }

  function shorten(text, limit) {
    const t = String(text).replace(/\s+/g, " ").trim();
    return t.length <= limit ? t : `${t.slice(0, limit - 1).trimEnd()}…`;
  }

  function safeLink(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  // The paragraph around a quote, cut to about `limit` characters around it.
  function passage(p, limit) {
    const text = data.paragraphs[p.paragraph] || "";
    let before = text.slice(0, p.start);
    let after = text.slice(p.end);
    const room = Math.max(0, limit - (p.end - p.start)) / 2;
    if (before.length > room) {
      before = before.slice(before.length - room);
      const space = before.indexOf(" ");
      before = `…${space >= 0 && space < 40 ? before.slice(space + 1) : before}`;
    }
    if (after.length > room) {
      after = after.slice(0, room);
      const space = after.lastIndexOf(" ");
      after = `${space > after.length - 40 ? after.slice(0, space) : after}…`;
    }
    return [before, el("mark", null, text.slice(p.start, p.end)), after];
  }

  function render(id) {
    const n = data.nodes[id];
    panelBody.replaceChildren();
    const head = el(
      "div",
      { id: "am-panel-head" },
      el("span", { id: "am-panel-kind" }, n.kind),
      el("code", { id: "am-panel-id" }, n.id),
    );
    panelBody.append(head, el("h2", { id: "am-panel-text" }, n.text || "(no gist)"));
    if (n.evaluation) {
      const ev = n.evaluation;
      panelBody.append(
        el("p", { class: "am-eval" }, el("b", null, ev.word), ` (${ev.meaning}) · strength ${ev.strength}`),
      );
    }
    if (n.facts.length) {
      const dl = el("dl");
      for (const [label, value] of n.facts) dl.append(el("dt", null, label), el("dd", null, value));
      panelBody.append(dl);
    }
    if (n.quotes.length) {
      panelBody.append(el("h3", null, n.quotes.length === 1 ? "quote" : "quotes"));
      for (const q of n.quotes) {
        const parts = q.passage ? passage(q.passage, 900) : [el("mark", null, q.quote)];
        panelBody.append(el("blockquote", { class: "am-quote" }, ...parts));
        const meta = el("p", { class: "am-quote-meta" });
        if (q.passage) meta.append(`article, line ${q.passage.line}`);
        const link = safeLink(q.link);
        if (link) {
          if (q.passage) meta.append(" · ");
          meta.append(el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, "open in the article ↗"));
        }
        if (meta.childNodes.length) panelBody.append(meta);
      }
    }
    for (const [label, targets] of n.links) {
      const list = el("ul", { class: "am-links" });
      for (const target of targets) {
        const other = data.nodes[target];
        const button = el(
          "button",
          { type: "button", "data-target": target },
          shorten(other ? other.text || other.id : target, 90),
          " ",
          el("code", null, other ? other.id : target),
        );
        button.addEventListener("click", () => select(target, true));
        list.append(el("li", null, button));
      }
      panelBody.append(el("h3", null, label), list);
    }
  }

  function select(id, centreIt) {
    if (!data.nodes[id]) return false;
    for (const e of svg ? svg.querySelectorAll(".am-selected") : []) e.classList.remove("am-selected");
    selected = id;
    const node = nodeElement(id);
    if (node) node.classList.add("am-selected");
    render(id);
    const opening = panel.hidden;
    panel.hidden = false;
    if (opening) apply(); // the diagram area just got narrower
    if (centreIt) centre(id);
    return true;
  }

  function close() {
    for (const e of svg ? svg.querySelectorAll(".am-selected") : []) e.classList.remove("am-selected");
    selected = null;
    if (!panel.hidden) {
      panel.hidden = true;
      apply();
    }
  }

  // --- problems and live updates ----------------------------------------------------------

  function showProblems(problems, hasDiagram) {
    const errors = problems.filter((p) => p.severity === "error");
    const warnings = problems.filter((p) => p.severity !== "error");
    banner.replaceChildren();
    banner.classList.toggle("am-errors", errors.length > 0);
    if (errors.length) {
      const what = hasDiagram ? "The map has errors: the diagram below is the last one that worked." : "The map has errors.";
      banner.append(el("p", null, what), list(errors));
    }
    if (warnings.length) {
      const details = el("details", null, el("summary", null, `${warnings.length} warning${warnings.length === 1 ? "" : "s"}`), list(warnings));
      banner.append(details);
    }
    banner.hidden = problems.length === 0;
  }

  function list(problems) {
    const ul = el("ul");
    for (const p of problems) ul.append(el("li", null, p.text));
    return ul;
  }

  function update(message) {
    if (typeof message.svg === "string" && (message.version !== version || !svg)) {
      replaceDiagram(message.svg);
      data = message.data;
      if (data.title && data.title !== document.title) {
        document.title = data.title;
        $("am-title").textContent = data.title;
        $("am-title").title = data.title;
      }
      if (searchBox.value) search(false);
      if (pending && data.nodes[pending]) {
        select(pending, true);
        pending = null;
      } else if (selected && data.nodes[selected]) select(selected, false);
      else close();
    }
    version = message.version;
    showProblems(message.problems || [], Boolean(svg));
    document.documentElement.dataset.version = String(version);
    api.updatedAt = Date.now();
  }

  function follow() {
    const events = new EventSource("events");
    events.addEventListener("open", () => {
      statusLabel.textContent = "● live";
      statusLabel.classList.remove("am-offline");
    });
    events.addEventListener("error", () => {
      statusLabel.textContent = "○ reconnecting…";
      statusLabel.classList.add("am-offline");
    });
    events.addEventListener("update", (e) => update(JSON.parse(e.data)));
    events.addEventListener("select", (e) => {
      const id = JSON.parse(e.data).node;
      pending = null;
      if (data.nodes[id]) select(id, true);
      else pending = id;
    });
  }

  // --- start --------------------------------------------------------------------------------

  const api = {
    updatedAt: Date.now(),
    state: () => ({ version, scale: k, x: tx, y: ty, selected, matches: matches.slice() }),
    select: (id) => select(id, true),
  };
  window.argmapViewer = api;

  adopt();
  if (svg) fit();
  else diagram.append(el("div", { id: "am-empty" }, "No diagram yet: the map has errors. Fix them and save; this page updates by itself."));
  showProblems(initial.problems || [], Boolean(svg));
  document.documentElement.dataset.version = String(version);
  if (initial.live) follow();
  view.focus({ preventScroll: true });
})();
