// civicnews: the only script besides htmx. The pages work without it.

// Drop empty fields from htmx GET requests, so a filter change pushes /meetings/?status=held
// rather than /meetings/?city=&official=&topic=&status=held&date_from=&date_to=.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get") return;
  const data = event.detail.formData;
  for (const [name, value] of Array.from(data.entries())) {
    if (value === "") data.delete(name);
  }
});

// Cities maps (/cities/ and a city's page). The markers come from the page's JSON script
// (views.map_context), so they need no network; the background tiles are optional: with no tile
// URL, or when the tile server cannot be reached, the markers and their links still work.
function drawCityMaps(root) {
  if (typeof L === "undefined") return;  // Leaflet is loaded only on map pages
  const scope = root.querySelectorAll ? root : document;
  const maps = scope.matches && scope.matches("[data-city-map-figure]")
    ? [scope] : Array.from(scope.querySelectorAll("[data-city-map-figure]"));
  for (const figure of maps) {
    const container = figure.querySelector("[data-city-map]");
    const script = figure.querySelector("script[type='application/json']");
    if (!container || !script || container.civicMap) continue;
    const data = JSON.parse(script.textContent);
    const status = figure.querySelector("[data-map-status]");
    // A history snapshot may hold a previous map's markup: start from an empty container.
    container.replaceChildren();
    container.className = container.className.replace(/\bleaflet-\S+/g, "").trim();
    figure.hidden = false;

    const small = data.cities.length === 1;
    const map = L.map(container, { scrollWheelZoom: false, worldCopyJump: true });
    container.civicMap = map;  // a property, not an attribute: a restored snapshot has no live map
    if (data.tile_url) {
      const tiles = L.tileLayer(data.tile_url, { attribution: data.attribution, maxZoom: 18 });
      tiles.once("tileerror", () => {
        if (status) status.textContent = "The background map could not be loaded: markers show positions only.";
      });
      tiles.addTo(map);
    }
    const points = [];
    for (const city of data.cities) {
      const meetings = `${city.meetings} meeting${city.meetings === 1 ? "" : "s"}`;
      const marker = L.marker([city.lat, city.lon], { title: city.label, alt: `${city.label}: ${meetings}` });
      const link = document.createElement("a");
      link.href = city.url;
      link.textContent = city.label;
      const popup = document.createElement("div");
      popup.append(link, document.createElement("br"), meetings);
      marker.bindPopup(popup);
      if (small) marker.bindTooltip(city.name, { permanent: true, direction: "right", offset: [12, -20] });
      marker.addTo(map);
      points.push([city.lat, city.lon]);
    }
    if (points.length === 1) {
      map.setView(points[0], 9);
    } else {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 10 });
    }
  }
}

if (typeof htmx !== "undefined") {
  htmx.onLoad(drawCityMaps);  // the first page, and every swapped-in partial
} else {
  document.addEventListener("DOMContentLoaded", () => drawCityMaps(document));
}
