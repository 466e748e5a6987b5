// propalens pages.  Loaded from this server only (the CSP forbids inline script); data comes
// from data-* attributes and the JSON block #span-data, never from code in the page.
"use strict";

(function () {
  const byId = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- home: post the form to the API, then open the article ----
  function guessKind(content) {
    const stripped = content.trim();
    if (/^https?:\/\/\S+$/i.test(stripped)) return "url";
    return stripped.startsWith("<") ? "html" : "text";
  }

  function errorMessage(payload, status) {
    const detail = payload && payload.detail;
    // The server names its limit (PROPALENS_MAX_BYTES), so it is not written here.
    if (status === 413) return "The article is too large (" + detail + ").";
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail) && detail.length && detail[0].msg) return detail[0].msg;
    return "The article could not be analysed (HTTP " + status + ").";
  }

  function setUpForm(form) {
    const error = byId("form-error");
    const status = byId("form-status");
    const button = byId("analyze-button");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const content = String(data.get("content") || "");
      let kind = String(data.get("kind") || "auto");
      if (!["text", "html", "url"].includes(kind)) kind = guessKind(content);
      const body = { [kind]: content };
      for (const name of ["title", "outlet"]) {
        const value = String(data.get(name) || "").trim();
        if (value) body[name] = value;
      }
      // The token goes in a header, never in the page or a URL.
      const headers = { "Content-Type": "application/json", Accept: "application/json" };
      const token = String(data.get("token") || "").trim();
      if (token) headers.Authorization = "Bearer " + token;
      error.hidden = true;
      button.disabled = true;
      status.textContent = kind === "url" ? "Fetching and analysing…" : "Analysing…";
      try {
        const response = await fetch("/api/analyze", {
          method: "POST",
          headers,
          body: JSON.stringify(body),
        });
        const payload = await response.json().catch(() => null);
        if (response.ok && payload) {
          window.location.assign("/articles/" + encodeURIComponent(payload.id));
          return;
        }
        if (response.status === 401) byId("token-box").open = true;
        error.textContent = errorMessage(payload, response.status);
      } catch (failure) {
        error.textContent = "The server could not be reached.";
      }
      error.hidden = false;
      status.textContent = "";
      button.disabled = false;
    });
  }

  // ---- article page: tooltips and the confidence slider ----
  function setUpArticle(dataNode) {
    const spans = JSON.parse(dataNode.textContent);
    const marks = Array.from(document.querySelectorAll("mark.hl"));
    const tooltip = byId("tooltip");
    const slider = byId("threshold");
    let threshold = 0;
    let current = null;

    for (const mark of marks) mark.dataset.label = mark.getAttribute("aria-label") || "";

    function spansOf(mark) {
      return mark.dataset.spans
        .split(" ")
        .filter(Boolean)
        .map((index) => spans[Number(index)])
        .filter((span) => span && span.confidence >= threshold);
    }

    function tipRow(span) {
      const row = element("div", "tip-row");
      const head = element("div", "tip-technique");
      head.append(element("span", "swatch t" + span.colour), element("span", "", span.technique));
      const confidence = Math.round(span.confidence * 100) + "% confidence";
      row.append(
        head,
        element("div", "tip-detail", confidence + " · speaker: " + span.speaker),
      );
      return row;
    }

    function show(mark) {
      const visible = spansOf(mark);
      if (!visible.length) return hide();
      if (current && current !== mark) current.classList.remove("active");
      current = mark;
      mark.classList.add("active");
      tooltip.replaceChildren(...visible.map(tipRow));
      tooltip.hidden = false;
      const box = mark.getBoundingClientRect();
      const width = tooltip.offsetWidth;
      // Keep the tooltip over the article's column, so it never hides the side panel.
      const column = mark.closest(".article");
      const right = column ? column.getBoundingClientRect().right : document.documentElement.clientWidth;
      const left = Math.min(box.left, right - width - 8);
      tooltip.style.left = window.scrollX + Math.max(8, left) + "px";
      tooltip.style.top = window.scrollY + box.bottom + 8 + "px";
    }

    function hide() {
      if (current) current.classList.remove("active");
      current = null;
      tooltip.hidden = true;
    }

    for (const mark of marks) {
      mark.addEventListener("mouseenter", () => show(mark));
      mark.addEventListener("mouseleave", () => { if (document.activeElement !== mark) hide(); });
      mark.addEventListener("focus", () => show(mark));
      mark.addEventListener("blur", hide);
    }
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });

    // What a threshold means: the confidences are calibrated, so the share of the shown spans
    // that are right is, by the model's own account, their mean confidence.
    function shareText(shown, threshold) {
      if (!shown) return "No span has " + Math.round(threshold * 100) + "% or more.";
      const total = spans
        .filter((span) => span.confidence >= threshold)
        .reduce((sum, span) => sum + span.confidence, 0);
      return (
        shown + " of " + spans.length + " spans have " + Math.round(threshold * 100) +
        "% or more; by their confidences, about " + Math.round((100 * total) / shown) +
        "% of them are right."
      );
    }

    function applyThreshold() {
      threshold = Number(slider.value) / 100;
      byId("threshold-value").textContent = slider.value + "%";
      for (const mark of marks) {
        const below = Number(mark.dataset.confidence) < threshold;
        mark.classList.toggle("below", below);
        mark.tabIndex = below ? -1 : 0;
        if (below) {
          mark.setAttribute("role", "none");
          mark.removeAttribute("aria-label");
        } else {
          mark.setAttribute("role", "button");
          mark.setAttribute("aria-label", mark.dataset.label);
        }
      }
      const counts = new Map();
      let shown = 0;
      for (const span of spans) {
        if (span.confidence < threshold) continue;
        shown += 1;
        counts.set(span.technique, (counts.get(span.technique) || 0) + 1);
      }
      for (const item of document.querySelectorAll("ul.legend li")) {
        const count = counts.get(item.dataset.technique) || 0;
        item.querySelector(".count").textContent = String(count);
        item.classList.toggle("none", count === 0);
      }
      const noun = spans.length === 1 ? " span" : " spans";
      byId("shown-count").textContent =
        (shown === spans.length ? "" : shown + " of ") + spans.length + noun;
      byId("threshold-share").textContent = shareText(shown, threshold);
      if (current) show(current);
    }

    if (slider) {
      for (const node of document.querySelectorAll("[data-needs-js]")) node.hidden = false;
      slider.addEventListener("input", applyThreshold);
    }
  }

  const form = byId("analyze-form");
  if (form) setUpForm(form);
  const dataNode = byId("span-data");
  if (dataNode) setUpArticle(dataNode);
})();
