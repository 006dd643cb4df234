/* The correction screen's page panel: the scanned page beside the text.

   - The viewer opens on the article's clipping; as the caret moves through the text, the line
     it is in is marked on the page and the paragraph's region is kept in view.
   - A click on a line of the page puts the caret at that line's text in its field, before the
     character clicked.
   - Each OCR hint gets the crop of the printed line holding its suspect characters.

   Lines are found in the text by their OCR text, tolerant of corrections made since: the exact
   text near where the previous line ended, else the place most of its short pieces agree on.
   Everything from the page data is set as text or attributes, never as markup. */
(function () {
  "use strict";
  var source = document.getElementById("page-panel-data");
  var element = document.getElementById("page-panel-viewer");
  if (!source || !element || !window.OpenSeadragon || !window.PageViewer) { return; }
  var data = JSON.parse(source.textContent);
  if (!data.pages.length) { return; }
  var pages = data.pages.map(function (page) {
    return Object.assign({}, page, { boxes: page.regions.filter(function (r) { return r.kind === "article"; }) });
  });
  var viewer = new window.PageViewer(element, { pages: pages, images: data.images, followLinks: false });
  element.pageViewer = viewer;
  var chooser = document.getElementById("page-panel-page");
  var SVG = "http://www.w3.org/2000/svg";

  // --- where each line's text is in its field ------------------------------------------------
  var PIECE = 3;
  function squeeze(text) { return text.replace(/\s+/g, ""); }

  function locate(value, text, from) {
    text = squeeze(text);
    if (!text) { return null; }
    var reach = 200 + text.length * 3;
    var at = value.indexOf(text, Math.max(0, from - 20));
    if (at !== -1 && at <= from + reach) { return { start: at, end: at + text.length }; }
    // Pieces of the line vote for where it starts; corrected characters just lose their vote.
    var votes = {};
    var k = Math.min(PIECE, text.length);
    for (var i = 0; i + k <= text.length; i += k) {
      var piece = text.substr(i, k);
      var p = value.indexOf(piece, Math.max(0, from - 20));
      while (p !== -1 && p <= from + reach) {
        votes[p - i] = (votes[p - i] || 0) + 1;
        p = value.indexOf(piece, p + 1);
      }
    }
    var best = null, bestVotes = 0;
    Object.keys(votes).forEach(function (key) {
      var start = Number(key);
      var n = votes[key] + (votes[start - 1] || 0) / 2 + (votes[start + 1] || 0) / 2;
      if (n > bestVotes || (n === bestVotes && Math.abs(start - from) < Math.abs(best - from))) { best = start; bestVotes = n; }
    });
    var needed = text.length >= 2 * k ? 2 : 1;
    if (best === null || bestVotes < needed) { return null; }
    best = Math.max(0, best);
    return { start: best, end: Math.min(value.length, best + text.length) };
  }

  function fieldOf(name) { return document.getElementById("id_" + name); }

  // For every line: {field, start, end} in the current text, or nothing if it cannot be found.
  function mapLines() {
    var cursor = {};
    pages.forEach(function (page) {
      page.lines.forEach(function (line) {
        line.place = null;
        for (var i = 0; i < line.fields.length; i += 1) {
          var name = line.fields[i];
          var input = fieldOf(name);
          if (!input) { continue; }
          var found = locate(input.value, line.text, cursor[name] || 0);
          if (found) {
            line.place = { field: name, start: found.start, end: found.end };
            cursor[name] = found.end;
            break;
          }
        }
      });
    });
  }

  function lineAtCaret(name, caret) {
    var best = null;
    pages.forEach(function (page, pageIndex) {
      page.lines.forEach(function (line) {
        var place = line.place;
        if (!place || place.field !== name) { return; }
        if (place.start <= caret && (!best || place.start >= best.line.place.start)) {
          best = { line: line, pageIndex: pageIndex };
        }
      });
    });
    return best;
  }

  // --- the caret's line on the page ---------------------------------------------------------
  var shownParagraph = null;
  function markCaret(input, immediately) {
    var name = input.id.replace(/^id_/, "");
    var found = lineAtCaret(name, input.selectionStart);
    if (!found) { return; }
    var line = found.line;
    var show = function (v) {
      v.show("current", [{ box: line.box, kind: "line" }]);
      var page = pages[found.pageIndex];
      var region = page.regions.filter(function (r) {
        return r.kind === "paragraph" && line.paragraph !== null && r.paragraph === line.paragraph;
      })[0];
      v.show("paragraph", region ? [{ box: region.box, kind: "region" }] : []);
      var key = found.pageIndex + ":" + (region ? region.paragraph : "");
      if (region && key !== shownParagraph) { v.fit(region.box, immediately); }
      else if (!v.inView(line.box)) { v.fit(line.box, immediately); }
      shownParagraph = key;
      element.dataset.currentLine = line.text;
    };
    if (found.pageIndex !== viewer.index) {
      viewer.open(found.pageIndex, show);
      if (chooser) { chooser.value = String(found.pageIndex); }
    } else {
      show(viewer);
    }
  }

  // --- a click on the page: the caret to that line ------------------------------------------
  element.addEventListener("pageviewer:click", function (event) {
    var page = pages[viewer.index];
    var x = event.detail.x, y = event.detail.y, hit = null, nearest = null, distance = Infinity;
    page.lines.forEach(function (line) {
      var b = line.box;
      if (x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3]) { hit = line; }
      var d = Math.abs(y - (b[1] + b[3] / 2)) + Math.max(0, b[0] - x, x - b[0] - b[2]);
      if (d < distance) { distance = d; nearest = line; }
    });
    hit = hit || (distance < 40 ? nearest : null);
    if (!hit) { return; }
    mapLines();
    if (!hit.place) {
      element.dataset.currentLine = "";
      return;
    }
    // The character clicked: a printed line of Chinese is evenly set, so its share of the box.
    var length = hit.place.end - hit.place.start;
    var share = Math.min(1, Math.max(0, (x - hit.box[0]) / Math.max(1, hit.box[2])));
    var at = hit.place.start + Math.min(length, Math.floor(share * squeeze(hit.text).length));
    var input = fieldOf(hit.place.field);
    input.focus();
    input.setSelectionRange(at, at);
    // The textarea scrolls the caret into view on focus; the OCR pane follows on keyup.
    input.blur();
    input.focus();
    input.dispatchEvent(new Event("keyup"));
    markCaret(input);
  });

  var editors = ["body", "headline", "kicker", "subheadline", "byline"].map(fieldOf).filter(Boolean);
  var remap = null;
  editors.forEach(function (input) {
    ["click", "keyup", "focus"].forEach(function (type) {
      input.addEventListener(type, function () { markCaret(input); });
    });
    input.addEventListener("input", function () {
      window.clearTimeout(remap);
      remap = window.setTimeout(function () { mapLines(); markCaret(input); }, 250);
    });
  });

  if (chooser) {
    chooser.addEventListener("change", function () {
      var index = Number(chooser.value);
      viewer.open(index, function (v) {
        var whole = pages[index].regions.filter(function (r) { return r.kind === "article"; })[0];
        if (whole) { v.fit(whole.box, true); }
      });
    });
  }

  // --- hints: the crop of each suspect's printed line ----------------------------------------
  var items = document.querySelectorAll("#hint-list li.hint-place");
  function hintItem(crop, index) {
    for (var i = 0; i < items.length; i += 1) {
      var data = items[i].dataset;
      if (data.field === crop.field && Number(data.start) === crop.start) { return items[i]; }
    }
    var item = items[index];  // (a list without the data attributes: the same order as the hints)
    var suspect = item && item.querySelector(".hint-suspect");
    return suspect && suspect.textContent === crop.text ? item : null;
  }
  (data.hints || []).forEach(function (crop, index) {
    var item = crop && hintItem(crop, index);
    if (!item) { return; }
    var frame = document.createElement("span");
    frame.className = "hint-crop";
    frame.title = "版面第 " + crop.page + " 版上的这一行（红框为疑似错字）";
    var image = document.createElement("img");
    image.src = crop.url;
    image.alt = "版面上的“" + crop.text + "”";
    image.loading = "lazy";
    image.width = crop.size[0];
    image.height = crop.size[1];
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + crop.size[0] + " " + crop.size[1]);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    var rect = document.createElementNS(SVG, "rect");
    ["x", "y", "width", "height"].forEach(function (name, i) { rect.setAttribute(name, String(crop.mark[i])); });
    svg.appendChild(rect);
    frame.appendChild(image);
    frame.appendChild(svg);
    var sentence = item.querySelector(".hint-show, .hint-sentence");
    if (sentence) { sentence.after(frame); } else { item.appendChild(frame); }
  });

  // First the paragraph the caret is in (the text's start), on its page; else the clipping.
  mapLines();
  var body = fieldOf("body");
  var first = body && lineAtCaret("body", body.selectionStart || 0);
  viewer.open(first ? first.pageIndex : 0, function (v) {
    var whole = pages[v.index].regions.filter(function (r) { return r.kind === "article"; })[0];
    if (whole) { v.fit(whole.box, true); }
    if (first) { markCaret(body, true); }
    element.dataset.ready = "1";
  });
})();
