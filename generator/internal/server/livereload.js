// Live reload for generator serve; never part of a built site.
// Served at /__livereload.js (see http.go). The overlay's id, styles and
// error cap are the ones reload.go uses for the overlay it renders into a
// page; TestScriptMatchesOverlay keeps the two the same.
(function () {
  "use strict";
  var id = null;
  var OVERLAY = "__livereload-overlay";
  var MAX = 20; // errors listed, as maxOverlay in reload.go
  var styles = {
    overlay: "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#1b1b1b;border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;text-align:left",
    head: "margin:0 0 6px;font-weight:700;color:#b3261e",
    list: "margin:0 0 8px;padding:0 0 0 18px",
    item: "margin:0 0 6px",
    pos: "font:600 14px/1.4 ui-monospace,monospace;color:#1b1b1b",
    pre: "margin:4px 0 0;padding:4px 8px;background:#fff;border:1px solid #e0c4c4;overflow:auto;font:13px/1.4 ui-monospace,monospace;white-space:pre"
  };
  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.style.cssText = style;
    if (text) e.textContent = text;
    return e;
  }
  function showErrors(list) {
    var box = document.getElementById(OVERLAY);
    if (!box) {
      if (!list.length) return;
      box = el("div", styles.overlay);
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.appendChild(el("section")).setAttribute("data-kind", "site");
      box.appendChild(el("section")).setAttribute("data-kind", "page");
      document.body.appendChild(box);
    }
    var sec = box.querySelector('section[data-kind="site"]');
    sec.textContent = "";
    if (list.length) {
      sec.appendChild(el("p", styles.head, (list.length === 1 ? "1 error" : list.length + " errors") +
        " in the site — the preview shows the last good version until it is fixed"));
      var ul = sec.appendChild(el("ul", styles.list));
      list.slice(0, MAX).forEach(function (d) {
        var li = ul.appendChild(el("li", styles.item));
        li.appendChild(el("code", styles.pos, d.pos));
        li.appendChild(document.createTextNode(" " + d.message + (d.fix ? "; " + d.fix : "")));
        if (d.source) li.appendChild(el("pre", styles.pre, d.source));
      });
      if (list.length > MAX) ul.appendChild(el("li", "", "… and " + (list.length - MAX) + " more"));
    }
    var page = box.querySelector('section[data-kind="page"]');
    if (!list.length && (!page || !page.childNodes.length)) box.remove();
  }
  function swapCSS(list) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    list.forEach(function (c) {
      var stem = "/" + c.name.replace(/\.css$/, ".");
      Array.prototype.forEach.call(links, function (l) {
        var p = new URL(l.href, location.href).pathname;
        if (p !== c.old && !(p.indexOf(stem) === 0 && /^[0-9a-f]+\.css$/.test(p.slice(stem.length)))) return;
        var n = l.cloneNode();
        if (c.integrity) n.integrity = c.integrity; else n.removeAttribute("integrity");
        n.href = c.new;
        n.addEventListener("load", function () { l.remove(); });
        n.addEventListener("error", function () { location.reload(); });
        l.after(n);
      });
    });
  }
  function connect() {
    var es = new EventSource("/__livereload");
    es.addEventListener("hello", function (e) {
      if (id === null) id = e.data;
      else if (id !== e.data) location.reload();
    });
    es.addEventListener("reload", function (e) {
      var d = {};
      try { d = JSON.parse(e.data) || {}; } catch (err) {}
      if (d.url && d.url !== location.pathname) location.assign(d.url);
      else location.reload();
    });
    es.addEventListener("css", function (e) { swapCSS(JSON.parse(e.data) || []); });
    es.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data) || []); });
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        setTimeout(connect, 1000);
      }
    };
  }
  connect();
})();
