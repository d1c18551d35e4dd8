/* Bijgespijkerd live charts.
 *
 * Every chart is already in the page as a static SVG with a data table, complete without
 * this script. It turns a chart into an interactive Vega view when the reader reaches for
 * it: pointing at it, tapping it, or moving the keyboard focus onto it. Only then is the
 * Vega runtime loaded, from this site, so a page that is only read costs no chart runtime
 * at all. The live view adds tooltips on hover and on keyboard focus, highlighting, and
 * whatever selections the chart defines. It runs under a strict Content-Security-Policy:
 * Vega's expression interpreter replaces code generation.
 */
(function () {
  "use strict";

  var figures = document.querySelectorAll("figure.chart[data-chart]");
  if (!figures.length || !("Promise" in window)) {
    return; // the static chart and its table stay: nothing is lost
  }
  var base = document.currentScript.src.replace(/js\/charts\.js(\?.*)?$/, "");
  var runtime = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function loadRuntime() {
    if (!runtime) {
      runtime = loadScript(base + "vendor/vega/vega.min.js").then(function () {
        return loadScript(base + "vendor/vega/vega-interpreter.js");
      });
    }
    return runtime;
  }

  var REACHING = ["pointerenter", "touchstart", "focusin"];

  function prepare(figure) {
    var canvas = figure.querySelector(".chart-canvas");
    // Keyboard readers reach the chart too: the static picture takes the focus first.
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "group");
    canvas.setAttribute("aria-label", figure.querySelector(".chart-title").textContent +
      " (interactief zodra de grafiek de focus heeft)");
  }

  figures.forEach(function (figure) {
    prepare(figure);
    REACHING.forEach(function (type) {
      figure.addEventListener(type, function () { start(figure); }, { passive: true });
    });
  });

  function start(figure) {
    if (figure.hasAttribute("data-live")) return;
    figure.setAttribute("data-live", "starting");
    loadRuntime().then(function () { return makeLive(figure); }).catch(function (error) {
      figure.setAttribute("data-live-error", String(error && error.message || error));
    });
  }

  // The layout the page shows (the stylesheet picks the one that suits the column).
  function shownLayout(figure) {
    var statics = figure.querySelectorAll(".chart-static");
    for (var i = 0; i < statics.length; i++) {
      if (statics[i].getClientRects().length) return statics[i].getAttribute("data-layout");
    }
    return statics.length ? statics[0].getAttribute("data-layout") : null;
  }

  function makeLive(figure) {
    var layout = shownLayout(figure);
    var spec = JSON.parse(figure.querySelector('script.chart-spec[data-layout="' + layout + '"]').textContent);
    var canvas = figure.querySelector(".chart-canvas");
    var host = document.createElement("div");
    host.className = "chart-live";
    host.tabIndex = 0;
    host.setAttribute("role", "group");
    host.setAttribute("aria-roledescription", "interactieve grafiek");
    host.setAttribute("aria-label", figure.querySelector(".chart-title").textContent +
      ". Pijltjestoetsen: langs de waarden; Enter: selecteren; Escape: sluiten.");
    var tooltip = document.createElement("div");
    tooltip.className = "chart-tooltip";
    tooltip.hidden = true;
    var announcer = document.createElement("p");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    canvas.appendChild(host);
    canvas.appendChild(tooltip);
    canvas.appendChild(announcer);

    var view = new vega.View(vega.parse(spec, null, { ast: true }), {
      expr: vega.expressionInterpreter,
      renderer: "svg",
      container: host,
      hover: true,
      tooltip: function (handler, event, item, value) { showTooltip(canvas, tooltip, event, item, value); }
    });
    designSize(view, figure.querySelector('.chart-static[data-layout="' + layout + '"] svg'));
    return view.runAsync().then(function () {
      var focused = document.activeElement === canvas;
      canvas.removeAttribute("tabindex");  // the live view is the chart's one tab stop now
      canvas.removeAttribute("role");
      canvas.removeAttribute("aria-label");
      figure.classList.add("is-live");
      keyboard(view, host, canvas, tooltip, announcer);
      if (focused) host.focus();
      backToStaticWhenTheLayoutChanges(figure, layout, view, [host, tooltip, announcer]);
    });
  }

  // The live view is laid out at the size the chart was designed and drawn at, and, like
  // the static SVG, scaled by CSS to the width of its box. So it covers the static chart
  // exactly (no layout shift), looks the same on a phone (no text squeezed together), and
  // follows its container whatever happens to it, hidden at first or resized later.
  function designSize(view, svg) {
    view.width(Number(svg.getAttribute("width"))).height(Number(svg.getAttribute("height")));
  }

  // A phone turned sideways can change which layout suits the column: the static chart
  // of the new layout is shown again, and the next touch makes that one live.
  function backToStaticWhenTheLayoutChanges(figure, layout, view, added) {
    if (!("ResizeObserver" in window)) return;
    var canvas = figure.querySelector(".chart-canvas");
    var observer = new ResizeObserver(function () {
      if (shownLayout(figure) === layout) return;
      observer.disconnect();
      view.finalize();
      added.forEach(function (element) { element.remove(); });
      figure.classList.remove("is-live");
      figure.removeAttribute("data-live");
      prepare(figure);
    });
    observer.observe(canvas);
  }

  function showTooltip(canvas, tooltip, event, item, value) {
    if (value == null || value === "") {
      tooltip.hidden = true;
      return;
    }
    tooltip.textContent = "";
    var lines = typeof value === "object" ? Object.keys(value).map(function (key) {
      return [key, value[key]];
    }) : [[null, value]];
    lines.forEach(function (line) {
      if (line[1] == null || line[1] === "") return;
      var row = document.createElement("div");
      if (line[0]) {
        var key = document.createElement("strong");
        key.textContent = line[0] + ": ";
        row.appendChild(key);
      }
      row.appendChild(document.createTextNode(String(line[1])));
      tooltip.appendChild(row);
    });
    var area = canvas.getBoundingClientRect();
    var x = (event && event.clientX != null ? event.clientX : area.left) - area.left;
    var y = (event && event.clientY != null ? event.clientY : area.top) - area.top;
    tooltip.hidden = false;
    var left = Math.min(x + 12, area.width - tooltip.offsetWidth - 4);
    tooltip.style.setProperty("left", Math.max(0, left) + "px");
    tooltip.style.setProperty("top", Math.max(0, y + 12) + "px");
  }

  // Keyboard: the arrow keys walk through the chart's values, showing each value's
  // tooltip and highlight as a pointer would, and say it for screen readers.
  function keyboard(view, host, canvas, tooltip, announcer) {
    var index = -1;
    function items() {
      var found = [];
      (function walk(node) {
        if (!node) return;
        if (node.items) node.items.forEach(walk);
        if (node.tooltip != null && node._svg && node.datum && node.mark && node.mark.role === "mark") {
          found.push(node);
        }
      })(view.scenegraph().root);
      // One stop per value: a bar and its text label say the same; keep the bar.
      found.sort(function (a, b) { return (a.mark.marktype === "text") - (b.mark.marktype === "text"); });
      var seen = new Set();
      found = found.filter(function (item) {
        var key = JSON.stringify(item.tooltip);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return found.sort(function (a, b) {
        var ra = a._svg.getBoundingClientRect(), rb = b._svg.getBoundingClientRect();
        return (ra.top - rb.top) || (ra.left - rb.left);
      });
    }
    function point(item, type) {
      var box = item._svg.getBoundingClientRect();
      var init = { bubbles: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
                   pointerType: "mouse", isPrimary: true };
      item._svg.dispatchEvent(new PointerEvent(type, init));
      if (type === "pointerover") item._svg.dispatchEvent(new PointerEvent("pointermove", init));
    }
    host.addEventListener("keydown", function (event) {
      var list = items();
      if (!list.length) return;
      var previous = index >= 0 && index < list.length ? list[index] : null;
      var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      if (event.key in keys) {
        index = Math.max(0, Math.min(list.length - 1, index + keys[event.key]));
      } else if (event.key === "Home") {
        index = 0;
      } else if (event.key === "End") {
        index = list.length - 1;
      } else if ((event.key === "Enter" || event.key === " ") && previous) {
        event.preventDefault();
        point(previous, "pointerdown");
        point(previous, "pointerup");
        point(previous, "click");
        return;
      } else if (event.key === "Escape") {
        if (previous) point(previous, "pointerout");
        tooltip.hidden = true;
        index = -1;
        return;
      } else {
        return;
      }
      event.preventDefault();
      if (previous && previous !== list[index]) point(previous, "pointerout");
      point(list[index], "pointerover");
      announcer.textContent = tooltip.hidden ? "" : tooltip.textContent;
    });
    host.addEventListener("blur", function () {
      if (index >= 0 && index < items().length) point(items()[index], "pointerout");
      tooltip.hidden = true;
    });
  }
})();
