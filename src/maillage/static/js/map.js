/* Maps (Leaflet, vendored; no inline script: configuration through data-* attributes).
 *
 * #actors-map   the directory selection, clustered, loaded from data-geojson-url; reloads
 *               when the filters region is swapped by htmx (#map-selection carries the URL).
 * #actor-minimap one actor's position on its page (data-lat, data-lon, data-approximate).
 *
 * Popups are built with DOM nodes and textContent: names come from users, never as HTML.
 */
(function () {
  "use strict";

  if (typeof window.L === "undefined") return;
  var L = window.L;
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
  var FRANCE = { center: [46.6, 2.4], zoom: 5 };

  function tileLayer() {
    return L.tileLayer(TILES, {
      maxZoom: 19,
      attribution: ATTRIBUTION,
      // The site sends no Referer across origins; OpenStreetMap's tile policy wants one.
      referrerPolicy: "strict-origin-when-cross-origin",
    });
  }

  function markerIcon(sphere, approximate) {
    var classes = "map-marker map-marker-" + (sphere || "ess");
    if (approximate) classes += " is-approximate";
    return L.divIcon({ className: classes, iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8] });
  }

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function popupContent(properties, labels) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("p");
    title.className = "map-popup-title";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    title.appendChild(link);
    box.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "map-popup-meta";
    meta.textContent = [properties.kind_label || properties.kind, properties.commune]
      .filter(Boolean).join(" · ");
    box.appendChild(meta);
    if (properties.closed && labels.closed) {
      var closed = document.createElement("p");
      closed.className = "map-popup-note";
      closed.textContent = labels.closed;
      box.appendChild(closed);
    }
    if (properties.approximate && labels.approximate) {
      var note = document.createElement("p");
      note.className = "map-popup-note";
      note.textContent = labels.approximate;
      box.appendChild(note);
    }
    return box;
  }

  function selectionMap(element) {
    var labels = {
      loading: element.dataset.labelLoading,
      error: element.dataset.labelError,
      points: element.dataset.labelPoints,
      onePoint: element.dataset.labelOnePoint,
      missing: element.dataset.labelMissing,
      capped: element.dataset.labelCapped,
      approximate: element.dataset.labelApproximate,
      closed: element.dataset.labelClosed,
    };
    var status = document.getElementById("map-status");
    var empty = document.getElementById("map-empty");
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    map.setView(FRANCE.center, FRANCE.zoom);
    tileLayer().addTo(map);
    // Wheel zoom only once the map has been clicked or focused: scrolling the page stays easy.
    map.on("focus click", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    var cluster = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50, chunkedLoading: true })
      : L.layerGroup();
    cluster.addTo(map);
    var currentUrl = null;
    var controller = null;

    function say(text) {
      if (status) status.textContent = text;
    }

    function load(url) {
      if (!url || url === currentUrl) return;
      currentUrl = url;
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      say(labels.loading);
      element.setAttribute("aria-busy", "true");
      fetch(url, { headers: { Accept: "application/geo+json, application/json" },
                   signal: controller ? controller.signal : undefined })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          cluster.clearLayers();
          var markers = [];
          (data.features || []).forEach(function (feature) {
            var coordinates = feature.geometry && feature.geometry.coordinates;
            if (!coordinates) return;
            var p = feature.properties || {};
            var marker = L.marker([coordinates[1], coordinates[0]], {
              icon: markerIcon(p.sphere, p.approximate),
              title: p.name,
              alt: p.name,
              keyboard: true,
              riseOnHover: true,
            });
            marker.bindPopup(function () { return popupContent(p, labels); });
            markers.push(marker);
          });
          if (cluster.addLayers) cluster.addLayers(markers);
          else markers.forEach(function (marker) { cluster.addLayer(marker); });
          var meta = data.meta || {};
          var parts = [];
          parts.push(markers.length === 1 ? labels.onePoint
                     : format(labels.points, { points: markers.length.toLocaleString() }));
          if (meta.without_coordinates) {
            parts.push(format(labels.missing, { missing: meta.without_coordinates.toLocaleString() }));
          }
          var text = parts.join(" · ");
          if (meta.capped) {
            text += ". " + format(labels.capped, { limit: (meta.limit || 0).toLocaleString(),
                                                    total: (meta.total || 0).toLocaleString() });
          }
          say(text);
          var none = document.getElementById("map-none");
          var nothing = !meta.total;
          if (none) none.hidden = !nothing;
          if (empty) empty.hidden = nothing || markers.length > 0;
          if (markers.length) {
            var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
            map.fitBounds(bounds.pad(0.1), { maxZoom: 13 });
          } else {
            map.setView(FRANCE.center, FRANCE.zoom);
          }
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          currentUrl = null;
          say(labels.error);
        })
        .finally(function () {
          element.removeAttribute("aria-busy");
        });
    }

    function urlFromSelection() {
      var selection = document.getElementById("map-selection");
      return (selection && selection.dataset.geojsonUrl) || element.dataset.geojsonUrl;
    }

    document.addEventListener("maillage:selection-changed", function () { load(urlFromSelection()); });
    load(urlFromSelection());
  }

  function miniMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var approximate = element.dataset.approximate === "true";
    var map = L.map(element, { scrollWheelZoom: false, dragging: !L.Browser.mobile, keyboard: true });
    map.setView([lat, lon], approximate ? 12 : 15);
    tileLayer().addTo(map);
    L.marker([lat, lon], {
      icon: markerIcon(element.dataset.sphere, approximate),
      title: element.dataset.label || "",
      alt: element.dataset.label || "",
      keyboard: false,
    }).addTo(map);
  }

  function start() {
    var selection = document.getElementById("actors-map");
    if (selection) selectionMap(selection);
    var mini = document.getElementById("actor-minimap");
    if (mini) miniMap(mini);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
