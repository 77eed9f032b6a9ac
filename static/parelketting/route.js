/* The necklace on the map: the line between the stops and a numbered marker per stop. The list works without it. */
(function () {
  "use strict";
  var el = document.getElementById("pk-route-map");
  var dataEl = document.getElementById("pk-route-data");
  if (!el || !dataEl || !window.L) { return; }
  var data = JSON.parse(dataEl.textContent);
  if (!data.stops.length) { return; }
  el.classList.add("pk-ready");
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", el.dataset.label);
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var points = data.stops.map(function (s) { return [s.lat, s.lng]; });
  L.polyline(points, { color: "#005a70", weight: 5, dashArray: "8 6" }).addTo(map);
  data.stops.forEach(function (stop) {
    var marker = L.marker([stop.lat, stop.lng], {
      title: el.dataset.stopLabel + " " + stop.n + ": " + stop.title,
      alt: el.dataset.stopLabel + " " + stop.n + ": " + stop.title,
      icon: L.divIcon({
        className: "pk-marker-wrap",
        html: '<span class="pk-route-marker">' + stop.n + "</span>",
        iconSize: [32, 32],
        iconAnchor: [16, 16],
        popupAnchor: [0, -16]
      })
    }).addTo(map);
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = stop.url;
    link.textContent = stop.n + ". " + stop.title;
    box.appendChild(link);
    // Clear of the zoom buttons (top left) and the attribution (bottom right) when the map pans to it.
    marker.bindPopup(box, { autoPanPaddingTopLeft: L.point(60, 100), autoPanPaddingBottomRight: L.point(20, 40) });
  });
  map.fitBounds(L.latLngBounds(points).pad(0.2));
})();
