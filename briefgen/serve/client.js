// briefgen serve: live reload and the build-error overlay.
// Added to pages by the preview server only; never part of a built site.
(function () {
  "use strict";
  if (window.__briefgenLiveReload) return;
  window.__briefgenLiveReload = true;

  var script = document.currentScript;
  var version = (script && script.getAttribute("data-version")) || "";
  var eventsUrl = (script && script.getAttribute("data-events")) || "/__briefgen__/events";
  var HOST_ID = "briefgen-error-overlay";
  var source = null;

  // The path as the server decoded it from the request.
  function currentPath() {
    try {
      return decodeURIComponent(location.pathname);
    } catch (e) {
      return location.pathname;
    }
  }

  function connect() {
    disconnect();
    source = new EventSource(eventsUrl + "?version=" + encodeURIComponent(version));
    source.addEventListener("state", function (event) {
      var state = JSON.parse(event.data);
      if (state.version !== version) {
        location.reload(); // a build finished while this page was loading
      } else if (state.error) {
        showOverlay(state.error);
      } else {
        hideOverlay();
      }
    });
    source.addEventListener("early", function (event) {
      // A page open here was made first by the build under way: show it now.
      var data = JSON.parse(event.data);
      if (data.version !== version && (data.paths || []).indexOf(currentPath()) !== -1) {
        location.reload();
      }
    });
    source.addEventListener("reload", function (event) {
      var data = event.data ? JSON.parse(event.data) : {};
      if (data.version && data.version === version) {
        hideOverlay(); // this page came early from that very build
        return;
      }
      location.reload();
    });
    source.addEventListener("css", function (event) {
      var data = JSON.parse(event.data);
      version = data.version;
      hideOverlay();
      swapStylesheets(data.version);
    });
    source.addEventListener("build-error", function (event) {
      showOverlay(JSON.parse(event.data));
    });
  }

  // Load each same-origin stylesheet again and drop the old one once the new
  // one has loaded, so the page never shows unstyled.
  function swapStylesheets(tag) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("briefgen", tag);
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      var done = function () {
        link.remove();
      };
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      link.after(fresh);
    });
  }

  var STYLE = [
    ":host { all: initial; position: fixed; inset: 0; z-index: 2147483647;",
    "  display: block; background: rgba(16, 16, 20, 0.6); overflow: auto;",
    "  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    ".dialog { box-sizing: border-box; max-width: 46rem; margin: 8vh auto; padding: 1.5rem 1.75rem;",
    "  background: #1d1b22; color: #f5f4f7; border-top: 6px solid #ff6b6b;",
    "  border-radius: 6px; box-shadow: 0 10px 40px rgba(0, 0, 0, 0.5); }",
    ".dialog:focus { outline: 3px solid #8ab4ff; outline-offset: 2px; }",
    "h2 { margin: 0 0 0.75rem; font-size: 1.25rem; color: #ffb4ab; }",
    ".where { margin: 0 0 0.5rem; font-family: ui-monospace, Menlo, Consolas, monospace;",
    "  color: #ffd98a; word-break: break-all; }",
    "pre { margin: 0 0 1rem; white-space: pre-wrap; word-break: break-word;",
    "  font: 0.95rem/1.5 ui-monospace, Menlo, Consolas, monospace; color: #f5f4f7; }",
    ".hint { margin: 0 0 1rem; color: #bfe3ff; }",
    ".note { margin: 0 0 1rem; color: #d4d2da; font-size: 0.9rem; }",
    "button { font: inherit; padding: 0.35rem 0.9rem; color: #1d1b22; background: #f5f4f7;",
    "  border: 0; border-radius: 4px; cursor: pointer; }",
    "button:focus-visible { outline: 3px solid #8ab4ff; outline-offset: 2px; }",
  ].join("\n");

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text; // text, never markup: messages may hold < and >
    return node;
  }

  function hideOverlay() {
    var host = document.getElementById(HOST_ID);
    if (host) host.remove();
  }

  function showOverlay(error) {
    hideOverlay();
    var host = element("div", { id: HOST_ID });
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    root.appendChild(element("style", {}, STYLE));
    var dialog = element("section", {
      class: "dialog",
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": "briefgen-error-title",
      "aria-describedby": "briefgen-error-message",
      tabindex: "-1",
    });
    dialog.appendChild(element("h2", { id: "briefgen-error-title" }, error.title || "Build failed"));
    if (error.where) dialog.appendChild(element("p", { class: "where" }, error.where));
    dialog.appendChild(element("pre", { id: "briefgen-error-message" }, error.message || ""));
    if (error.hint) dialog.appendChild(element("p", { class: "hint" }, "Hint: " + error.hint));
    dialog.appendChild(
      element(
        "p",
        { class: "note" },
        "The page below is the last good build. Fix the problem and save: this page updates by itself."
      )
    );
    var close = element("button", { type: "button" }, "Dismiss");
    close.addEventListener("click", hideOverlay);
    dialog.appendChild(close);
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideOverlay();
    });
    root.appendChild(dialog);
    (document.body || document.documentElement).appendChild(host);
    dialog.focus();
  }

  function disconnect() {
    if (source) source.close();
    source = null;
  }

  // Only pages on screen keep a connection: browsers allow six per host, and
  // a page coming back (from another tab, or the back/forward cache) catches
  // up through the "state" event.
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.visibilityState !== "hidden") connect();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") disconnect();
    else if (!source) connect();
  });
  if (document.visibilityState !== "hidden") connect();
})();
