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

  // Popups keep clear of the zoom buttons (top left) and the attribution (bottom right) when the map pans.
  var POPUP = { autoPanPaddingTopLeft: L.point(60, 100), autoPanPaddingBottomRight: L.point(20, 40) };

  // A cluster in the portal's own colour with its count; screen readers hear "12 parels hier. Kies om in te zoomen."
  function cluster(group) {
    var count = group.getChildCount();
    var side = count < 10 ? 40 : count < 100 ? 46 : 54;
    var badge = document.createElement("span");
    var number = document.createElement("span");
    var label = document.createElement("span");
    badge.className = "pk-cluster";
    number.setAttribute("aria-hidden", "true");
    number.textContent = String(count);
    label.className = "visually-hidden";
    label.textContent = count + " " + el.dataset.clusterLabel;
    badge.appendChild(number);
    badge.appendChild(label);
    return L.divIcon({
      className: "pk-cluster-wrap",
      html: badge,
      iconSize: [side, side]
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
      var group = L.markerClusterGroup ? L.markerClusterGroup({
        showCoverageOnHover: false,
        iconCreateFunction: cluster
      }) : L.layerGroup();
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var label = feature.properties.title + " (" + (names[feature.properties.kind] || "") + ")";
          return L.marker(latlng, { icon: icon(feature.properties.kind), title: label, alt: label, keyboard: true });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature), POPUP);
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
