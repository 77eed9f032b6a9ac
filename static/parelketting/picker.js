/* Place a pearl: click the map, or move it with the arrow keys and press "Zet de parel hier" (centre cross).
   Without JavaScript the street list and the description do the same job. */
(function () {
  "use strict";
  var root = document.getElementById("pk-picker");
  var placeBox = document.querySelector(".pk-for-place");
  var personBox = document.querySelector(".pk-for-person");
  var latInput = root && document.getElementById(root.dataset.latInput);
  var lngInput = root && document.getElementById(root.dataset.lngInput);
  var map = null;
  var marker = null;

  function currentKind() {
    var checked = document.querySelector('input[name="kind"]:checked');
    if (checked) { return checked.value; }
    var form = document.getElementById("pk-form");
    return form ? form.dataset.kind || "" : "";
  }

  function say(text) {
    var status = document.getElementById("pk-picker-status");
    if (status) { status.textContent = text; }
  }

  function place(latlng) {
    latInput.value = latlng.lat.toFixed(6);
    lngInput.value = latlng.lng.toFixed(6);
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, {
        keyboard: false,
        icon: L.divIcon({
          className: "pk-marker-wrap",
          html: '<span class="pk-marker pk-marker--place"><span aria-hidden="true">◆</span></span>',
          iconSize: [32, 32],
          iconAnchor: [16, 16]
        })
      }).addTo(map);
    }
    document.getElementById("pk-place-clear").hidden = false;
    say(root.dataset.placed);
  }

  function clear() {
    latInput.value = "";
    lngInput.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
    document.getElementById("pk-place-clear").hidden = true;
    say(root.dataset.removed);
  }

  function showForKind() {
    var kind = currentKind();
    if (!kind || !personBox || !placeBox) { return; }
    var isPerson = kind === "person";
    personBox.hidden = !isPerson;
    placeBox.hidden = isPerson;
    if (isPerson && latInput && latInput.value) { clear(); }
    if (!isPerson && map) { map.invalidateSize(); }
  }

  if (root && window.L && latInput && lngInput) {
    root.classList.add("pk-ready");
    var centre = [parseFloat(root.dataset.lat), parseFloat(root.dataset.lng)];
    var start = centre;
    if (latInput.value && lngInput.value) {
      start = [parseFloat(latInput.value), parseFloat(lngInput.value)];
    }
    map = L.map("pk-picker-map", { scrollWheelZoom: false, keyboard: true, keyboardPanDelta: 60 })
      .setView(start, parseInt(root.dataset.zoom, 10) || 16);
    L.tileLayer(root.dataset.tiles, { attribution: root.dataset.attribution, maxZoom: 19 }).addTo(map);
    map.on("click", function (event) { place(event.latlng); });
    document.getElementById("pk-place-here").addEventListener("click", function () { place(map.getCenter()); });
    document.getElementById("pk-place-clear").addEventListener("click", clear);
    if (latInput.value && lngInput.value) {
      place(L.latLng(parseFloat(latInput.value), parseFloat(lngInput.value)));
      say("");
    }
    // Choosing a street moves the map there (the points come with the page: no extra request).
    var pointsTag = document.getElementById("pk-street-points");
    var streetPoints = pointsTag ? JSON.parse(pointsTag.textContent) : {};
    var streetSelect = document.querySelector('select[name="street"]');
    if (streetSelect) {
      streetSelect.addEventListener("change", function () {
        var point = streetPoints[streetSelect.value];
        if (!point) { return; }
        map.setView([parseFloat(point[0]), parseFloat(point[1])], Math.max(map.getZoom(), 17));
        say(root.dataset.streetShown);
      });
    }
    // "Gebruik mijn locatie": made here, so there is no dead button without JavaScript. The browser is asked
    // only when it is pressed; only the pearl's point is kept, and only inside the neighbourhood.
    if (navigator.geolocation) {
      var locate = document.createElement("button");
      locate.type = "button";
      locate.className = "button button--secondary";
      locate.id = "pk-locate";
      locate.textContent = root.dataset.locateLabel;
      document.getElementById("pk-place-here").insertAdjacentElement("afterend", locate);
      var maxDistance = parseFloat(root.dataset.maxDistance);
      locate.addEventListener("click", function () {
        say(root.dataset.locateAsking);
        navigator.geolocation.getCurrentPosition(function (position) {
          var lat = position.coords.latitude;
          var lng = position.coords.longitude;
          if (Math.abs(lat - centre[0]) > maxDistance || Math.abs(lng - centre[1]) > maxDistance) {
            say(root.dataset.locateOutside);
            return;
          }
          var here = L.latLng(lat, lng);
          map.setView(here, Math.max(map.getZoom(), 17));
          place(here);
          say(root.dataset.locatePlaced);
        }, function (error) {
          say(error.code === 1 ? root.dataset.locateRefused : root.dataset.locateUnavailable);
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
      });
    }
    var noMap = document.getElementById("pk-no-map");
    if (noMap) {
      noMap.addEventListener("click", function (event) {
        var target = document.getElementById(noMap.getAttribute("href").slice(1));
        if (target) { event.preventDefault(); target.focus(); }
      });
    }
  }
  document.addEventListener("pk:step", function () { if (map) { map.invalidateSize(); } });
  document.querySelectorAll('input[name="kind"]').forEach(function (input) {
    input.addEventListener("change", showForKind);
  });
  showForKind();
})();
