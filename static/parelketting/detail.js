/* A small map with the place of one pearl. The text on the page says where it is too. */
(function () {
  "use strict";
  var el = document.getElementById("pk-detail-map");
  if (!el || !window.L) { return; }
  el.classList.add("pk-ready");
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", el.dataset.label);
  var point = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)];
  var map = L.map(el, { scrollWheelZoom: false }).setView(point, 17);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  var shapes = { place: "◆", person: "●", partner_offer: "■" };
  L.marker(point, {
    keyboard: false,
    icon: L.divIcon({
      className: "pk-marker-wrap",
      html: '<span class="pk-marker pk-marker--' + el.dataset.kind + '"><span aria-hidden="true">' + (shapes[el.dataset.kind] || "●") + "</span></span>",
      iconSize: [32, 32],
      iconAnchor: [16, 16]
    })
  }).addTo(map);
})();
