/* The zoomable page viewer (OpenSeadragon, vendored under static/vendor/openseadragon/).

   new PageViewer(element, {pages: [...], images: {zoomIn: {REST: url, …}, …}}) shows one page at a time: its Deep
   Zoom tiles when the page has them, else the plain image. Boxes (article regions, search
   hits, the line being edited) are drawn over the page in page pixels, in named layers.
   A click (or tap) on the page fires "pageviewer:click" on the element, with the page and the
   point in page pixels; a click inside an article box with a link goes to that article.

   Readers' pages auto-start every element with data-page-viewer (its data is the JSON in
   the <script type="application/json"> named by data-page-viewer): nothing inline, so the
   site's Content-Security-Policy needs no exception. Text from the page data is only ever
   set as textContent or as an attribute, never as markup. */
(function () {
  "use strict";

  // OpenSeadragon adds a <style> of its own unless one is marked as there already; the site's
  // CSP refuses inline styles (all but an empty one), so its one rule is in pages.css and an
  // empty marker stands in.
  function markOwnStyle() {
    if (document.querySelector("style[data-openseadragon-mobile-css]")) { return; }
    var marker = document.createElement("style");
    marker.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.appendChild(marker);
  }

  function PageViewer(element, options) {
    markOwnStyle();
    this.element = element;
    this.pages = options.pages || [];
    this.layers = {};
    this.index = -1;
    this.pendingFit = null;
    this.ready = false;
    var self = this;
    this.viewer = window.OpenSeadragon({
      element: element,
      prefixUrl: "",
      navImages: options.images || {},
      drawer: "canvas",
      showNavigator: false,
      showRotationControl: false,
      showFullPageControl: options.fullPage !== false,
      visibilityRatio: 0.5,
      minZoomImageRatio: 0.5,
      maxZoomPixelRatio: 3,
      crossOriginPolicy: false,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
      gestureSettingsTouch: { clickToZoom: false, dblClickToZoom: true },
    });
    this.viewer.addHandler("open", function () { self._opened(); });
    this.viewer.addHandler("open-failed", function () { self._fallBack(); });
    this.viewer.addHandler("canvas-click", function (event) {
      if (!event.quick || !self.ready) { return; }
      var point = self.viewer.viewport.viewerElementToImageCoordinates(event.position);
      var page = self.pages[self.index];
      var link = self._boxAt("regions", point);
      if (link && link.href && options.followLinks !== false) {
        window.location.href = link.href;
        return;
      }
      element.dispatchEvent(new CustomEvent("pageviewer:click", {
        bubbles: true, detail: { page: page, x: point.x, y: point.y },
      }));
    });
  }

  PageViewer.prototype.open = function (index, then) {
    var page = this.pages[index];
    if (!page) { return; }
    this.index = index;
    this.ready = false;
    this.layers = {};
    this.pendingFit = then || null;
    this.usingImage = !page.dzi;
    this.viewer.open(page.dzi ? page.dzi : { type: "image", url: page.image, buildPyramid: false });
    this.element.dispatchEvent(new CustomEvent("pageviewer:page", { bubbles: true, detail: { page: page, index: index } }));
  };

  // Tiles missing or unreadable: the plain image still shows the page.
  PageViewer.prototype._fallBack = function () {
    var page = this.pages[this.index];
    if (!page || this.usingImage) { return; }
    this.usingImage = true;
    this.viewer.open({ type: "image", url: page.image, buildPyramid: false });
  };

  PageViewer.prototype._opened = function () {
    this.ready = true;
    this.viewer.clearOverlays();
    var page = this.pages[this.index];
    this.element.dataset.openPage = String(page.number);
    this.element.dataset.source = this.usingImage ? "image" : "tiles";
    this.show("regions", page.boxes || []);
    var then = this.pendingFit;
    this.pendingFit = null;
    if (then) { then(this); }
    this.element.dispatchEvent(new CustomEvent("pageviewer:ready", { bubbles: true, detail: { page: page } }));
  };

  // Draw ``boxes`` ([{box: [x, y, w, h], kind, label}]) as the layer ``name``, replacing it.
  PageViewer.prototype.show = function (name, boxes) {
    var viewer = this.viewer;
    (this.layers[name] || []).forEach(function (item) { viewer.removeOverlay(item.element); });
    this.layers[name] = [];
    if (!this.ready) { return; }
    var layer = this.layers[name];
    boxes.forEach(function (item) {
      var box = item.box;
      var mark = document.createElement("div");
      mark.className = "pv-box pv-" + name + (item.kind ? " pv-" + item.kind : "");
      if (item.label) { mark.title = item.label; }
      viewer.addOverlay({ element: mark, location: viewer.viewport.imageToViewportRectangle(box[0], box[1], box[2], box[3]) });
      layer.push({ element: mark, box: box, href: item.href || "" });
    });
  };

  PageViewer.prototype._boxAt = function (name, point) {
    var found = null;
    (this.layers[name] || []).forEach(function (item) {
      var b = item.box;
      if (point.x >= b[0] && point.x <= b[0] + b[2] && point.y >= b[1] && point.y <= b[1] + b[3]) { found = item; }
    });
    return found;
  };

  // Zoom to a box of the page (page pixels), with a margin around it.
  PageViewer.prototype.fit = function (box, immediately) {
    if (!this.ready) { return; }
    var margin = Math.max(box[2], box[3]) * 0.08;
    var rect = this.viewer.viewport.imageToViewportRectangle(
      box[0] - margin, box[1] - margin, box[2] + 2 * margin, box[3] + 2 * margin);
    this.viewer.viewport.fitBoundsWithConstraints(rect, !!immediately);
  };

  // Is the box wholly in view?
  PageViewer.prototype.inView = function (box) {
    if (!this.ready) { return false; }
    var bounds = this.viewer.viewport.viewportToImageRectangle(this.viewer.viewport.getBounds(true));
    return box[0] >= bounds.x && box[1] >= bounds.y &&
      box[0] + box[2] <= bounds.x + bounds.width && box[1] + box[3] <= bounds.y + bounds.height;
  };

  // Where a point of the page is on the screen (client pixels): for pointing at a line.
  PageViewer.prototype.toClient = function (x, y) {
    var point = this.viewer.viewport.imageToViewerElementCoordinates(new window.OpenSeadragon.Point(x, y));
    var rect = this.element.getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  };

  PageViewer.prototype.openNumber = function (number, then) {
    for (var i = 0; i < this.pages.length; i += 1) {
      if (this.pages[i].number === number) { this.open(i, then); return true; }
    }
    return false;
  };

  // "#page=2&box=x,y,w,h&hits=x,y,w,h;…" (the article page's link) → that page, zoomed, marked.
  function parseFragment(hash) {
    var out = { page: null, box: null, hits: [] };
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair[0] === "page" && /^\d{1,4}$/.test(pair[1])) { out.page = Number(pair[1]); }
      if (pair[0] === "box") { out.box = parseBox(pair[1]); }
      if (pair[0] === "hits" && pair[1]) {
        pair[1].split(";").slice(0, 50).forEach(function (text) {
          var box = parseBox(text);
          if (box) { out.hits.push({ box: box, kind: "hit" }); }
        });
      }
    });
    return out;
  }

  function parseBox(text) {
    if (!/^\d{1,5},\d{1,5},\d{1,5},\d{1,5}$/.test(text || "")) { return null; }
    return text.split(",").map(Number);
  }

  function start(element) {
    var source = document.getElementById(element.dataset.pageViewer);
    if (!source || !window.OpenSeadragon) { return null; }
    var data = JSON.parse(source.textContent);
    element.hidden = false;
    var viewer = new PageViewer(element, { pages: data.pages, images: data.images });
    element.pageViewer = viewer;
    var thumbs = document.querySelectorAll("[data-page-thumb]");
    function current(number) {
      thumbs.forEach(function (thumb) {
        if (Number(thumb.dataset.pageThumb) === number) { thumb.setAttribute("aria-current", "page"); }
        else { thumb.removeAttribute("aria-current"); }
      });
    }
    thumbs.forEach(function (thumb) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        var number = Number(thumb.dataset.pageThumb);
        viewer.openNumber(number);
        current(number);
        element.scrollIntoView({ block: "nearest" });
      });
    });
    function follow() {
      var wanted = parseFragment(window.location.hash);
      if (wanted.page === null) { return false; }
      current(wanted.page);
      return viewer.openNumber(wanted.page, function (v) {
        if (wanted.hits.length) { v.show("hits", wanted.hits); }
        if (wanted.box) { v.fit(wanted.box, true); }
      });
    }
    if (!follow()) { viewer.open(0); current(data.pages.length ? data.pages[0].number : 0); }
    window.addEventListener("hashchange", function () {
      if (follow()) { element.scrollIntoView({ block: "start" }); }
    });
    return viewer;
  }

  window.PageViewer = PageViewer;
  PageViewer.parseFragment = parseFragment;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-page-viewer]").forEach(start);
  });
})();
