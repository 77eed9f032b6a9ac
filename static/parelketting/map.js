/* Parelketting public map: markers from the GeoJSON, clustered, one shape per kind. The list works without it. */
(function () {
  "use strict";
  var el = document.getElementById("pk-map");
  if (!el || !window.L) { return; }
  var status = document.getElementById("pk-map-status");
  var shapes = { place: "◆", person: "●", partner_offer: "■" };
  var names = { place: el.dataset.kindPlace, person: el.dataset.kindPerson, partner_offer: el.dataset.kindPartner };
  el.classList.add("pk-ready");
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", el.dataset.label);
  var map = L.map(el, { scrollWheelZoom: false }).setView(
    [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)], parseInt(el.dataset.zoom, 10) || 16
  );
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);

  function icon(kind) {
    return L.divIcon({
      className: "pk-marker-wrap",
      html: '<span class="pk-marker pk-marker--' + kind + '"><span aria-hidden="true">' + (shapes[kind] || "●") + "</span></span>",
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -16]
    });
  }

  function popup(feature) {
    var p = feature.properties;
    var box = document.createElement("div");
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = p.title;
    title.appendChild(strong);
    box.appendChild(title);
    var kind = document.createElement("p");
    kind.textContent = names[p.kind] || "";
    box.appendChild(kind);
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = el.dataset.openLabel + ": " + p.title;
    box.appendChild(link);
    return box;
  }

  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.layerGroup();
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var label = feature.properties.title + " (" + (names[feature.properties.kind] || "") + ")";
          return L.marker(latlng, { icon: icon(feature.properties.kind), title: label, alt: label, keyboard: true });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature));
          marker.on("add", function () {
            var node = marker.getElement();
            if (node) { node.setAttribute("aria-label", marker.options.title); node.dataset.uid = feature.id; }
          });
        }
      });
      group.addLayer(layer);
      map.addLayer(group);
      el.dataset.count = String(data.features.length);
      if (status) {
        status.textContent = data.features.length === 1
          ? el.dataset.countOne
          : data.features.length + " " + el.dataset.countMany;
      }
    })
    .catch(function () {
      if (status) { status.textContent = el.dataset.failed; }
    });
})();
