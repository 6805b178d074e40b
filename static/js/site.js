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

// Back and Forward: htmx restores a snapshot of the page, and a snapshot keeps the markup the forms
// were first rendered with, not what was chosen since (a select shows "Any city" again). Set each
// GET form's fields from the restored URL, so the filters shown are the filters applied.
function syncFormsWithUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const form of document.querySelectorAll("form[method='get']")) {
    for (const field of form.elements) {
      if (!field.name || ["submit", "button", "reset"].includes(field.type)) continue;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = params.getAll(field.name).includes(field.value);
      } else {
        field.value = params.get(field.name) ?? "";
      }
    }
  }
}
document.addEventListener("htmx:historyRestore", syncFormsWithUrl);

// Cities maps (/cities/ and a city's page). The markers come from the page's JSON script
// (views.map_context), so they need no network; the background tiles are optional: with no tile
// URL, or when the tile server cannot be reached, the markers and their links still work.
function coreBounds(points) {
  if (points.length < 10) return points;
  const cut = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
    return [at(0.05), at(0.95)];
  };
  const [south, north] = cut(points.map((p) => p[0]));
  const [west, east] = cut(points.map((p) => p[1]));
  return [[south, west], [north, east]];
}

// Outlines of countries and of US states, drawn from vendored TopoJSON (world-atlas and us-atlas,
// public domain, decoded by topojson-client) in panes under the tiles and the markers, so the map
// reads with no tile server at all; tiles, when configured and reachable, cover them. Each file is
// fetched once per page, however many maps are drawn.
const outlineFiles = {};
function fetchOutlines(url) {
  outlineFiles[url] ??= fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  });
  return outlineFiles[url];
}

const OUTLINE_LAYERS = [
  // [figure data attribute, pane, z-index (tiles are 200, markers 600), TopoJSON to GeoJSON, style]
  ["countriesUrl", "countries", 150, (world) => topojson.feature(world, world.objects.countries),
    { color: "#7d8b99", weight: 1, fillColor: "#fbfaf6", fillOpacity: 1 }],
  // Only the borders between states: coasts and the national border come with the countries.
  ["statesUrl", "state-borders", 160, (us) => topojson.mesh(us, us.objects.states, (a, b) => a !== b),
    { color: "#9aa6b2", weight: 0.8 }],
];

function drawOutlines(map, figure) {
  if (typeof topojson === "undefined") return;
  for (const [attribute, pane, zIndex, toGeoJSON, style] of OUTLINE_LAYERS) {
    const url = figure.dataset[attribute];
    if (!url) continue;
    map.createPane(pane).style.zIndex = zIndex;
    fetchOutlines(url)
      .then((topology) => L.geoJSON(toGeoJSON(topology), { pane, style, interactive: false }).addTo(map))
      .catch((error) => console.warn("map outlines not drawn:", error));
  }
  map.attributionControl.addAttribution("Outlines: Natural Earth, US Census Bureau");
}

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
    drawOutlines(map, figure);
    if (data.tile_url) {
      const tiles = L.tileLayer(data.tile_url, { attribution: data.attribution, maxZoom: 18 });
      tiles.once("tileerror", () => {
        if (status) status.textContent = "The background map could not be loaded: only country and state outlines are drawn.";
      });
      tiles.addTo(map);
    }
    // Set the view first: Leaflet draws a marker only once its map has a view.
    const points = data.cities.map((city) => [city.lat, city.lon]);
    const busy = data.cities.filter((city) => city.meetings).map((city) => [city.lat, city.lon]);
    if (points.length === 1) {
      map.setView(points[0], data.tile_url ? 9 : 6);  // outlines alone need a wider view to place it
    } else {
      // Frame where the meetings are: the cities that have some, without the far-flung few (one
      // city abroad would otherwise shrink the rest to a dot). Zooming out shows every marker.
      map.fitBounds(coreBounds(busy.length > 1 ? busy : points), { padding: [28, 28], maxZoom: 10 });
    }
    for (const city of data.cities) {
      const meetings = `${city.meetings} meeting${city.meetings === 1 ? "" : "s"}`;
      // A dot sized by the city's meeting count, with the count in it: readable with no tiles at all.
      const size = city.meetings ? Math.round(Math.min(22 + 6 * Math.sqrt(city.meetings - 1), 40)) : 14;
      const icon = L.divIcon({
        className: `city-marker ${city.meetings ? "has-meetings" : "no-meetings"}`,
        html: city.meetings ? `<span aria-hidden="true">${Number(city.meetings)}</span>` : "",
        iconSize: [size, size],
      });
      const marker = L.marker([city.lat, city.lon], {
        icon, title: city.label, zIndexOffset: city.meetings * 10, riseOnHover: true,
      });
      const link = document.createElement("a");
      link.href = city.url;
      link.textContent = city.label;
      const popup = document.createElement("div");
      popup.append(link, document.createElement("br"), meetings);
      marker.bindPopup(popup);
      if (small) {
        // A text node, never an HTML string: Leaflet puts a string tooltip in as HTML, and a city's
        // name comes from an article (issue 11).
        const name = document.createElement("span");
        name.textContent = city.name;
        marker.bindTooltip(name, { permanent: true, direction: "right", offset: [size / 2 + 2, 0] });
      }
      marker.addTo(map);
      marker.getElement()?.setAttribute("aria-label", `${city.label}: ${meetings}`);
    }
  }
}

if (typeof htmx !== "undefined") {
  htmx.onLoad(drawCityMaps);  // the first page, and every swapped-in partial
} else {
  document.addEventListener("DOMContentLoaded", () => drawCityMaps(document));
}
