/// The stylesheet and script the pages use, served by kg itself (`/assets/…`): no CDN, no
/// network, so the explorer works offline and the Content-Security-Policy allows only 'self'.
enum Assets {
    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        nav{background:#1f3a5f;padding:.5em 1em;display:flex;gap:1em;align-items:center;flex-wrap:wrap}
        nav a{color:#fff;text-decoration:none}nav .brand{font-weight:700;font-size:1.2em}
        nav form.search{margin-left:auto}nav input{padding:.25em .5em;min-width:16em}
        main{padding:1em 1.5em;max-width:1400px}
        h1{margin:.2em 0}h2{margin:1.2em 0 .4em;font-size:1.15em}.muted{color:#666;font-weight:normal}
        table{border-collapse:collapse;margin:.3em 0;background:#fff}th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
        th{background:#eef2f7}td.num,th.num{text-align:right}table.sortable th{cursor:pointer}
        .counts{display:flex;gap:1em;flex-wrap:wrap}.count{background:#fff;border:1px solid #ddd;padding:.5em 1em;min-width:7em}
        .count b{display:block;font-size:1.4em}.count span{color:#666}
        .columns{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}
        .drawing{background:#fff;border:1px solid #ddd;overflow:auto;max-height:80vh}.drawing svg{max-width:100%;height:auto}
        .drawing a:hover polygon,.drawing a:hover ellipse{stroke-width:3}
        .text{white-space:pre-wrap;max-width:60em}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#666}dd{margin:0}
        .button{display:inline-block;padding:.3em .8em;background:#1f3a5f;color:#fff;text-decoration:none;border-radius:3px}
        textarea{width:100%;max-width:60em;font-family:ui-monospace,Menlo,Consolas,monospace}
        .error{border:1px solid #c00;background:#fff0f0;padding:.5em 1em}.error pre{font-family:ui-monospace,Menlo,Consolas,monospace}
        .kind.topic{color:#2171B5}.kind.kp{color:#D94801}
        .heatmap td{text-align:center;min-width:4em}.heatmap td a{display:block;color:inherit;text-decoration:none}
        .h0{background:#cb181d;color:#fff}.h1{background:#fb6a4a}.h2{background:#fcbba1}.h3{background:#c6dbef}.h4{background:#6baed6}
        .heatmap td.selected{outline:3px solid #1f3a5f}.legend span{padding:.1em .5em}
        form.sample label{margin-right:.8em;white-space:nowrap}

        """

    /// Search suggestions (from `/api/suggest`) and sortable tables; nothing else runs.
    static let js = """
        "use strict";
        (function () {
          var box = document.getElementById("search"), list = document.getElementById("suggestions"), timer = null;
          if (box && list) {
            box.addEventListener("input", function () {
              clearTimeout(timer);
              var text = box.value.trim();
              if (text.length < 2) { return; }
              timer = setTimeout(function () {
                fetch("/api/suggest?q=" + encodeURIComponent(text)).then(function (r) { return r.json(); }).then(function (data) {
                  while (list.firstChild) { list.removeChild(list.firstChild); }
                  (data.concepts || []).forEach(function (c) {
                    var option = document.createElement("option");
                    option.value = c.name;
                    option.label = c.kind + " · " + c.problems + " problems";
                    list.appendChild(option);
                  });
                }).catch(function () {});
              }, 150);
            });
          }
          document.querySelectorAll("table.sortable").forEach(function (table) {
            table.querySelectorAll("th").forEach(function (th, column) {
              th.addEventListener("click", function () {
                var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                var numeric = th.classList.contains("num"), descending = th.dataset.order !== "desc";
                th.dataset.order = descending ? "desc" : "asc";
                rows.sort(function (a, b) {
                  var x = a.cells[column].textContent, y = b.cells[column].textContent;
                  var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
                  return descending ? -order : order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
        })();

        """
}
