/// An interactive map as one self-contained HTML page that works offline:
/// the SVG of `SVGRenderer` in interactive mode, inline, with a small inline
/// script for pan and zoom (mouse, wheel, keyboard, touch), facts on hover
/// or tap, layer switches, a scale bar redrawn on zoom, and, for a corridor
/// at several widths, a slider with the verdicts of each width beside it.
///
/// Invariants: nothing is fetched (no URL in any src or href; a Content
/// Security Policy of `default-src 'none'` makes the browser refuse any
/// request); every text is escaped (`MarkupText`); the page is readable at
/// 360 px wide (the panel goes under the map).
public struct HTMLRenderer: Sendable {
    public var mapWidth: Double

    public init(mapWidth: Double = 1000) { self.mapWidth = mapWidth }

    public struct Page: Sendable {
        public var html: String
        public var droppedLabels: [String]
    }

    public func render(_ map: MapDocument) throws(GeoError) -> Page {
        let rendered = try SVGRenderer(mapWidth: mapWidth, interactive: true).renderDetailed(map)
        func e(_ s: String) -> String { MarkupText.escape(s) }
        var panel = ""
        if map.variants.count > 1 {
            let widths = map.variants.map { width($0.widthMeters) }
            panel += """
                <section id="widths"><h2>Corridor width</h2>
                <label for="width">Width: <output id="width-label">\(e(widths[map.initialVariant]))</output></label>
                <input type="range" id="width" min="0" max="\(map.variants.count - 1)" step="1" value="\(map.initialVariant)" list="width-marks" aria-label="corridor width">
                <datalist id="width-marks">\(widths.enumerated().map { "<option value=\"\($0.offset)\" label=\"\(e($0.element))\"></option>" }.joined())</datalist>
                <div class="ticks">\(widths.map { "<span>\(e($0))</span>" }.joined())</div>

                """
        } else if map.variants.indices.contains(map.initialVariant) {
            let v = map.variants[map.initialVariant]
            panel += "<section id=\"widths\"><h2>Corridor, \(e(width(v.widthMeters)))</h2>\n"
        }
        for (k, v) in map.variants.enumerated() {
            let items = v.verdicts.isEmpty ? ["<li>No border is cut off or severed at this width.</li>"] : v.verdicts.map { "<li>\(e($0))</li>" }
            panel += "<ol class=\"verdicts\" data-variant=\"\(k)\" data-width-label=\"\(e(width(v.widthMeters)))\"\(k == map.initialVariant ? "" : " hidden")>\(items.joined())</ol>\n"
        }
        if !map.variants.isEmpty { panel += "</section>\n" }
        let layers: [(String, String)] = [
            ("territory", "territories"), ("river", "rivers"), ("border", "borders"), ("variant", "corridor"), ("place", "places"), ("labels", "names"),
        ].filter { id, _ in
            switch id {
            case "river": map.base.contains { $0.properties["layer"] == "river" }
            case "variant": !map.variants.isEmpty
            case "place": !map.overlay.isEmpty
            default: true
            }
        }
        panel += "<section id=\"layers\"><h2>Layers</h2>"
            + layers.map { "<label><input type=\"checkbox\" data-layer=\"\($0.0)\" checked> \($0.1)</label>" }.joined(separator: " ") + "</section>\n"
        panel += "<section id=\"facts\"><h2>Facts</h2><p id=\"info\">Hover or tap a territory, border, corridor or piece for its figures.</p></section>\n"

        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(Self.scriptHash)'">
            <title>\(e(map.title))</title>
            <style>
            body { margin: 0; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; background: #fff; }
            main { display: flex; flex-wrap: wrap; gap: 12px; padding: 8px; }
            #map { flex: 3 1 600px; min-width: 0; position: relative; outline: none; touch-action: none; border: 1px solid #ccc; overflow: hidden; }
            #map:focus-visible { box-shadow: 0 0 0 3px #0072B2; }
            #map svg { display: block; width: 100%; height: auto; cursor: grab; user-select: none; }
            #map svg.dragging { cursor: grabbing; }
            aside { flex: 1 1 280px; min-width: 0; font-size: 14px; }
            aside h2 { font-size: 15px; margin: 10px 0 6px; }
            #width { width: 100%; }
            .ticks { display: flex; justify-content: space-between; font-size: 11px; color: #555; }
            .verdicts { padding-left: 20px; margin: 8px 0; }
            .verdicts li { margin-bottom: 6px; line-height: 1.35; }
            #layers label { display: inline-block; margin: 2px 10px 2px 0; }
            #info { white-space: pre-line; line-height: 1.4; }
            #tooltip { position: fixed; z-index: 10; max-width: 320px; background: rgba(255,255,255,0.96); border: 1px solid #888; padding: 6px 8px; font-size: 13px; pointer-events: none; white-space: pre-line; box-shadow: 0 2px 6px rgba(0,0,0,0.2); }
            .controls { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
            .controls button { width: 34px; height: 34px; font-size: 18px; background: #fff; border: 1px solid #888; border-radius: 4px; }
            path.hot { stroke: #000 !important; stroke-width: 2.5 !important; }
            .hide-territory .territory, .hide-river .river, .hide-border .border, .hide-border .international-border,
            .hide-variant .variant, .hide-place .place, .hide-labels .labels { display: none; }
            .page-title { font-size: 17px; margin: 6px 0; display: none; }
            .credit { font-size: 11px; color: #555; display: none; }
            /* The picture holds the title and credit; cropped on a narrow screen, the panel shows them. */
            body.cropped .page-title, body.cropped .credit { display: block; }
            @media (max-width: 640px) { main { padding: 4px; } aside { font-size: 15px; } }
            </style>
            </head>
            <body>
            <main>
            <div id="map" tabindex="0" role="application" aria-label="Map. Drag or use the arrow keys to pan; + and − or the wheel to zoom; 0 to reset.">
            \(rendered.svg.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: ""))
            <div class="controls"><button type="button" id="zoom-in" aria-label="zoom in">+</button><button type="button" id="zoom-out" aria-label="zoom out">−</button><button type="button" id="zoom-reset" aria-label="reset the view">⟲</button></div>
            </div>
            <aside>
            <h1 class="page-title">\(e(map.title))</h1>
            \(panel)<p class="credit">\(e(map.attribution))</p></aside>
            </main>
            <div id="tooltip" role="status" hidden></div>
            <script>
            \(Self.script)
            </script>
            </body>
            </html>

            """
        return Page(html: html, droppedLabels: rendered.droppedLabels)
    }

    func width(_ m: Double) -> String {
        m >= 1000 ? NumberFormatting.json(NumberFormatting.rounded(m / 1000, decimals: 3)) + " km" : NumberFormatting.fixed(m, 0) + " m"
    }

    /// The page's behaviour; no library, no request.
    /// The policy names the one inline script by its hash (not 'unsafe-inline'): a
    /// script that found its way into the page through the data would not run. The
    /// hashed text is exactly what stands between <script> and </script>.
    static let scriptHash = SHA256.base64Digest("\n" + script + "\n")

    static let script = #"""
        (function () {
          "use strict";
          var host = document.getElementById("map");
          var svg = host.querySelector("svg");
          var content = svg.querySelector(".map-content");
          var frame = svg.getAttribute("data-frame").split(" ").map(Number);
          var pxPerM = Number(svg.getAttribute("data-px-per-m"));
          var tip = document.getElementById("tooltip");
          var info = document.getElementById("info");
          var view = { k: 1, x: 0, y: 0 };
          var NS = "http://www.w3.org/2000/svg";

          // Scale bar, redrawn for the zoom: a round length near a fifth of the frame.
          var bar = document.createElementNS(NS, "g");
          bar.setAttribute("class", "scale-bar");
          svg.appendChild(bar);
          function drawScale() {
            var metresPerUnit = 1 / (pxPerM * view.k);
            var target = frame[2] / 5 * metresPerUnit;
            var mag = Math.pow(10, Math.floor(Math.log10(target)));
            var step = [1, 2, 5, 10].map(function (s) { return s * mag; }).filter(function (s) { return s <= target; }).pop() || mag;
            var w = step / metresPerUnit;
            var x = frame[0] + 14, y = frame[1] + frame[3] - 18;
            var label = step >= 1000 ? (step / 1000) + " km" : step + " m";
            bar.innerHTML = "";
            function add(tag, attrs, text) {
              var el = document.createElementNS(NS, tag);
              for (var a in attrs) el.setAttribute(a, attrs[a]);
              if (text) el.textContent = text;
              bar.appendChild(el);
            }
            add("rect", { x: x - 6, y: y - 20, width: w + 70, height: 30, fill: "#fff", "fill-opacity": 0.8 });
            add("rect", { x: x, y: y, width: w / 2, height: 5, fill: "#000" });
            add("rect", { x: x + w / 2, y: y, width: w / 2, height: 5, fill: "#fff", stroke: "#000", "stroke-width": 0.8 });
            add("text", { x: x, y: y - 5 }, "0");
            add("text", { x: x + w, y: y - 5, "text-anchor": "middle" }, label);
          }

          function apply() {
            content.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
            drawScale();
          }
          // A point of the page in the SVG's own units.
          function toSVG(clientX, clientY) {
            var m = svg.getScreenCTM().inverse();
            return { x: m.a * clientX + m.c * clientY + m.e, y: m.b * clientX + m.d * clientY + m.f };
          }
          function zoomAt(factor, cx, cy) {
            var k = Math.min(64, Math.max(1, view.k * factor));
            factor = k / view.k;
            view.x = cx - (cx - view.x) * factor;
            view.y = cy - (cy - view.y) * factor;
            view.k = k;
            if (k === 1) { view.x = 0; view.y = 0; }
            apply();
          }
          function centre() { return { x: frame[0] + frame[2] / 2, y: frame[1] + frame[3] / 2 }; }
          function pan(dx, dy) { if (view.k > 1) { view.x += dx; view.y += dy; apply(); } }

          svg.addEventListener("wheel", function (ev) {
            ev.preventDefault();
            var p = toSVG(ev.clientX, ev.clientY);
            zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
          }, { passive: false });

          // Mouse drag and touch (one finger pans, two pinch), through pointer events.
          var pointers = {}, dragged = false, pinch = null;
          svg.addEventListener("pointerdown", function (ev) {
            pointers[ev.pointerId] = toSVG(ev.clientX, ev.clientY);
            dragged = false;
            var ids = Object.keys(pointers);
            if (ids.length === 2) {
              var a = pointers[ids[0]], b = pointers[ids[1]];
              pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), k: view.k };
            }
          });
          svg.addEventListener("pointermove", function (ev) {
            var last = pointers[ev.pointerId];
            if (!last) { hover(ev); return; }
            var p = toSVG(ev.clientX, ev.clientY);
            var ids = Object.keys(pointers);
            if (ids.length === 2 && pinch) {
              pointers[ev.pointerId] = p;
              var a = pointers[ids[0]], b = pointers[ids[1]];
              var d = Math.hypot(a.x - b.x, a.y - b.y);
              if (pinch.d > 0) zoomAt(pinch.k * d / pinch.d / view.k, (a.x + b.x) / 2, (a.y + b.y) / 2);
              return;
            }
            if (Math.abs(p.x - last.x) + Math.abs(p.y - last.y) > 2) {
              dragged = true;
              svg.classList.add("dragging");
              if (!svg.hasPointerCapture(ev.pointerId)) svg.setPointerCapture(ev.pointerId);
            }
            if (dragged) { pan(p.x - last.x, p.y - last.y); pointers[ev.pointerId] = toSVG(ev.clientX, ev.clientY); }
          });
          function release(ev) {
            var wasTap = pointers[ev.pointerId] && !dragged;
            delete pointers[ev.pointerId];
            if (Object.keys(pointers).length < 2) pinch = null;
            svg.classList.remove("dragging");
            if (wasTap && ev.type === "pointerup") show(ev.target, ev.clientX, ev.clientY);
          }
          svg.addEventListener("pointerup", release);
          svg.addEventListener("pointercancel", release);
          svg.addEventListener("pointerleave", function () { hot(null); tip.hidden = true; });

          // Facts: the shape under the pointer (hover) or the one tapped.
          var current = null;
          function target(el) {
            while (el && el !== svg) { if (el.getAttribute && el.getAttribute("data-info")) return el; el = el.parentNode; }
            return null;
          }
          function hot(el) {
            if (current) current.classList.remove("hot");
            current = el;
            if (el && el.tagName === "path") el.classList.add("hot");
          }
          function show(el, x, y) {
            var t = target(el);
            hot(t);
            if (!t) { tip.hidden = true; return; }
            var text = t.getAttribute("data-info");
            tip.textContent = text;
            info.textContent = text;
            tip.hidden = false;
            var w = tip.offsetWidth, h = tip.offsetHeight;
            tip.style.left = Math.max(4, Math.min(window.innerWidth - w - 4, x + 14)) + "px";
            tip.style.top = Math.max(4, Math.min(window.innerHeight - h - 4, y + 14)) + "px";
          }
          function hover(ev) { if (ev.pointerType !== "touch") show(ev.target, ev.clientX, ev.clientY); }

          // Keyboard: arrows pan, + and - zoom, 0 resets.
          host.addEventListener("keydown", function (ev) {
            var c = centre(), step = frame[2] / 10;
            var keys = {
              ArrowLeft: function () { pan(step, 0); }, ArrowRight: function () { pan(-step, 0); },
              ArrowUp: function () { pan(0, step); }, ArrowDown: function () { pan(0, -step); },
              "+": function () { zoomAt(1.25, c.x, c.y); }, "=": function () { zoomAt(1.25, c.x, c.y); },
              "-": function () { zoomAt(0.8, c.x, c.y); }, "0": function () { view = { k: 1, x: 0, y: 0 }; apply(); }
            };
            if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
          });
          document.getElementById("zoom-in").addEventListener("click", function () { var c = centre(); zoomAt(1.5, c.x, c.y); });
          document.getElementById("zoom-out").addEventListener("click", function () { var c = centre(); zoomAt(1 / 1.5, c.x, c.y); });
          document.getElementById("zoom-reset").addEventListener("click", function () { view = { k: 1, x: 0, y: 0 }; apply(); });

          // Layers.
          Array.prototype.forEach.call(document.querySelectorAll("#layers input"), function (box) {
            box.addEventListener("change", function () { svg.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked); });
          });

          // The width slider: one corridor group and one list of verdicts at a time.
          var slider = document.getElementById("width");
          if (slider) {
            slider.addEventListener("input", function () {
              var k = slider.value;
              Array.prototype.forEach.call(svg.querySelectorAll(".variant"), function (g) { g.style.display = g.getAttribute("data-variant") === k ? "" : "none"; });
              Array.prototype.forEach.call(document.querySelectorAll(".verdicts"), function (l) {
                l.hidden = l.getAttribute("data-variant") !== k;
                if (!l.hidden) document.getElementById("width-label").textContent = l.getAttribute("data-width-label");
              });
            });
          }
          // On a narrow screen the picture is cropped to the map itself (the title and the
          // verdicts are in the panel below; the legend's colours are named in the facts).
          var fullBox = svg.getAttribute("viewBox"), fullW = svg.getAttribute("width"), fullH = svg.getAttribute("height");
          function fit() {
            var narrow = host.clientWidth < 640;
            svg.setAttribute("viewBox", narrow ? frame.join(" ") : fullBox);
            // The size attributes give the aspect ratio that height: auto keeps.
            svg.setAttribute("width", narrow ? frame[2] : fullW);
            svg.setAttribute("height", narrow ? frame[3] : fullH);
            svg.classList.toggle("cropped", narrow);
            document.body.classList.toggle("cropped", narrow);
          }
          window.addEventListener("resize", fit);
          fit();
          apply();
        })();
        """#
}
