import Foundation

/// The files only `serve` adds, under `/__staybook/`: the reload script every served page links
/// and the overlay's stylesheet. Being files of their own, they pass the pages' Content-Security-Policy
/// (`script-src 'self'`, `style-src 'self'`, `connect-src 'self'`) unchanged; `staybook build`
/// never writes them.
enum LiveReloadFiles {
    static let prefix = "/__staybook/"
    static let scriptPath = prefix + "reload.js"
    static let eventsPath = prefix + "events"
    static let stylesheetPath = prefix + "overlay.css"

    /// The one tag the server adds to every HTML page it serves, before `</head>`.
    static let scriptTag = "<script src=\"\(scriptPath)\" defer></script>"

    /// The files by path, with their content types.
    static let files: [String: (contentType: String, data: Data)] = [
        scriptPath: ("text/javascript; charset=utf-8", Data(script.utf8)),
        stylesheetPath: ("text/css; charset=utf-8", Data(stylesheet.utf8)),
    ]

    /// Listens to `/__staybook/events` (Server-Sent Events):
    /// - `hello`: once per connection, with the server's id; another id than before means the
    ///   server restarted, so the page reloads;
    /// - `reload`: a rebuild changed the site; the page reloads, unless the addresses that changed
    ///   leave it and every file it loads as they were, and scrolls back to the heading that was at
    ///   the top of the window (remembered in sessionStorage);
    /// - `errors`: the build is broken; the overlay lists the diagnostics in the site's language.
    static let script = #"""
        // Added by `staybook serve` for the live preview; never part of a built site.
        (function () {
          "use strict";
          var KEY = "staybook-serve-position";
          var HEADINGS = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]";
          var server = null;

          // The heading at the top of the window: the last one scrolled to or past. A heading
          // scrolled to sits below a fixed top bar (the page's scroll-padding-top).
          function currentHeading() {
            var found = null;
            var padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
            var headings = document.querySelectorAll(HEADINGS);
            for (var i = 0; i < headings.length; i++) {
              var margin = parseFloat(getComputedStyle(headings[i]).scrollMarginTop) || 0;
              if (headings[i].getBoundingClientRect().top <= padding + margin + 8) found = headings[i]; else break;
            }
            return found;
          }

          function remember() {
            var heading = currentHeading();
            try {
              sessionStorage.setItem(KEY, JSON.stringify({
                path: location.pathname, id: heading ? heading.id : null, y: window.scrollY
              }));
            } catch (e) { /* storage refused: reload without it */ }
          }

          function restore() {
            var saved = null;
            try {
              saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
              sessionStorage.removeItem(KEY);
            } catch (e) { return; }
            if (!saved || saved.path !== location.pathname) return;
            var heading = saved.id ? document.getElementById(saved.id) : null;
            // The heading, where the page still has it; else the same distance from the top.
            if (heading) heading.scrollIntoView({ block: "start" });
            else window.scrollTo(0, saved.y || 0);
          }

          function reload() {
            remember();
            if ("scrollRestoration" in history) history.scrollRestoration = "manual";
            location.reload();
          }

          function element(tag, className, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (text) node.textContent = text;
            return node;
          }

          function fill(text, values) {
            return String(text || "").replace(/\{(\w+)\}/g, function (all, name) {
              return name in values ? String(values[name]) : all;
            });
          }

          function hideOverlay() {
            var old = document.getElementById("staybook-overlay");
            if (old) old.parentNode.removeChild(old);
          }

          function showOverlay(data) {
            hideOverlay();
            if (!document.getElementById("staybook-overlay-css")) {
              var link = element("link");
              link.id = "staybook-overlay-css";
              link.rel = "stylesheet";
              link.href = "/__staybook/overlay.css";
              document.head.appendChild(link);
            }
            var t = data.strings || {};
            var overlay = element("div", "staybook-overlay");
            overlay.id = "staybook-overlay";
            overlay.setAttribute("role", "alertdialog");
            overlay.setAttribute("aria-labelledby", "staybook-overlay-title");
            var box = element("section", "staybook-overlay-box");
            var title = element("h2", "staybook-overlay-title", t.overlay_title);
            title.id = "staybook-overlay-title";
            box.appendChild(title);
            box.appendChild(element("p", "staybook-overlay-help", t.overlay_help));
            var list = element("ol", "staybook-overlay-list");
            var shown = data.diagnostics.slice(0, 50);
            shown.forEach(function (d) {
              var item = element("li", "staybook-overlay-item staybook-" + d.severity);
              var place = d.file ? d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "") : "";
              var head = element("p", "staybook-overlay-where");
              head.appendChild(element("span", "staybook-overlay-severity", d.severity === "error" ? t.error : t.warning));
              if (place) {
                head.appendChild(document.createTextNode(" "));
                var code = element("code", "staybook-overlay-file", place);
                code.title = fill(t.file_line, { file: d.file, line: d.line || "" });
                head.appendChild(code);
              }
              item.appendChild(head);
              item.appendChild(element("p", "staybook-overlay-message", d.message));
              if (d.hint) item.appendChild(element("p", "staybook-overlay-hint", t.hint + " " + d.hint));
              list.appendChild(item);
            });
            box.appendChild(list);
            if (data.diagnostics.length > shown.length) {
              box.appendChild(element("p", "staybook-overlay-more", fill(t.more, { count: data.diagnostics.length - shown.length })));
            }
            var close = element("button", "staybook-overlay-close", t.hide);
            close.type = "button";
            close.addEventListener("click", hideOverlay);
            box.appendChild(close);
            overlay.appendChild(box);
            document.body.appendChild(overlay);
          }

          restore();
          if (!window.EventSource) return;
          var events = new EventSource("/__staybook/events");
          events.addEventListener("hello", function (event) {
            var data = JSON.parse(event.data);
            if (server !== null && server !== data.server) { reload(); return; }
            server = data.server;
          });
          // A page reloads when it changed, or when a file it may load did (a stylesheet, a
          // script, an image); not for the data downloads (CSV, JSON), nor for the search index
          // unless the page has started searching (its parts must come from one build). With no
          // list, always.
          events.addEventListener("reload", function (event) {
            var changed = JSON.parse(event.data).changed || [];
            var mine = changed.some(function (path) {
              if (/\/assets\/search\//.test(path)) return !!window.StaybookSearchIndex;
              return path === location.pathname || !/\.html$|\/$|\.csv$|\.json$/.test(path);
            });
            if (changed.length === 0 || mine || document.getElementById("staybook-overlay")) reload();
          });
          events.addEventListener("errors", function (event) { showOverlay(JSON.parse(event.data)); });
        })();

        """#

    static let stylesheet = """
        /* The error overlay of `staybook serve`. */
        .staybook-overlay {
          position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
          background: rgba(20, 20, 24, 0.72); padding: 2rem 1rem;
          font: 15px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif;
        }
        .staybook-overlay-box {
          max-width: 52rem; margin: 0 auto; background: #fff; color: #1d1d1f;
          border-top: 6px solid #c62828; border-radius: 6px; padding: 1.25rem 1.5rem;
          box-shadow: 0 10px 40px rgba(0, 0, 0, 0.4);
        }
        .staybook-overlay-title { margin: 0 0 0.25rem; font-size: 1.35rem; color: #b71c1c; }
        .staybook-overlay-help { margin: 0 0 1rem; color: #444; }
        .staybook-overlay-list { margin: 0; padding: 0 0 0 1.25rem; }
        .staybook-overlay-item { margin: 0 0 1rem; }
        .staybook-overlay-item p { margin: 0.15rem 0; }
        .staybook-overlay-severity { font-weight: 700; color: #b71c1c; }
        .staybook-warning .staybook-overlay-severity { color: #8a5a00; }
        .staybook-overlay-file { font: 0.95em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .staybook-overlay-message { white-space: pre-wrap; }
        .staybook-overlay-hint { color: #2e5e2e; }
        .staybook-overlay-more { color: #444; }
        .staybook-overlay-close {
          font: inherit; margin-top: 0.5rem; padding: 0.3rem 1rem; border: 1px solid #888;
          border-radius: 4px; background: #f5f5f5; cursor: pointer;
        }

        """
}
