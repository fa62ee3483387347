/* Imprint operator console: live fragments and the rate chart. No inline script; loaded from the jar. */
(function () {
  "use strict";

  /* Every [data-live] element is refreshed from its URL (server-rendered, escaped HTML) without a page reload. */
  function live(el) {
    var every = parseInt(el.getAttribute("data-every") || "2000", 10);
    var count = 0;
    var last = null;
    function tick() {
      if (document.hidden) { return; }
      fetch(el.getAttribute("data-live"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) {
          if (!r.ok) { throw new Error("HTTP " + r.status); }
          return r.text();
        })
        .then(function (html) {
          if (html !== last) { /* unchanged content is left alone: no re-announcement, focus kept */
            el.innerHTML = html;
            last = html;
          }
          count += 1;
          el.setAttribute("data-refreshed", String(count));
          el.removeAttribute("data-stale");
        })
        .catch(function () { el.setAttribute("data-stale", "true"); });
    }
    setInterval(tick, every);
  }

  /* [data-chart]: units and refusals per minute (uPlot), data refreshed every 5 seconds. */
  function chart(el) {
    if (typeof uPlot === "undefined") { return; }
    var plot = null;
    function size() { return { width: Math.max(280, el.clientWidth), height: 220 }; }
    function draw(d) {
      var data = [d.t, d.provisioned, d.refused];
      if (plot === null) {
        var s = size();
        plot = new uPlot({
          width: s.width, height: s.height,
          series: [{}, { label: "units/min", stroke: "#1b6e36", width: 2 },
                   { label: "refusals/min", stroke: "#b3261e", width: 2 }],
          axes: [{}, { label: "per minute" }]
        }, data, el);
        window.addEventListener("resize", function () { plot.setSize(size()); });
      } else {
        plot.setData(data);
      }
      el.setAttribute("data-points", String(d.t.length));
      el.setAttribute("data-total-provisioned", String(d.provisioned.reduce(function (a, b) { return a + b; }, 0)));
    }
    function load() {
      fetch(el.getAttribute("data-chart"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(draw)
        .catch(function () { el.setAttribute("data-stale", "true"); });
    }
    load();
    setInterval(load, 5000);
  }

  document.querySelectorAll("[data-live]").forEach(live);
  document.querySelectorAll("[data-chart]").forEach(chart);
})();
