// "Map": events per country (choropleth on offline Natural Earth shapes) and located events as points.
// Equirectangular projection, plain SVG.

import { formValues, h, replace, s, setStatus, tooltip } from "./dom.js";
import { formatNumber, QUAD_NAMES } from "./format.js";

const WIDTH = 960;
const NORTH = 85;
const SOUTH = -60;
const SCALE = WIDTH / 360; // pixels per degree
const HEIGHT = (NORTH - SOUTH) * SCALE;
const COLOURS = ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"];

function project([lon, lat]) {
  return [(lon + 180) * SCALE, (NORTH - lat) * SCALE];
}

/**
 * A ring made continuous across the antimeridian: a jump of more than 180 degrees between two positions
 * (Chukotka, Fiji) is undone by shifting the following positions by 360.
 */
export function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const step = lon - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function ringPath(ring) {
  return `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
}

/** SVG path data; a ring that runs past +-180 degrees is drawn again shifted by 360 so both sides show. */
function geometryPath(geometry) {
  const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
  const parts = [];
  for (const polygon of polygons) {
    const rings = polygon.map(unwrapRing);
    parts.push(rings.map(ringPath).join(""));
    const lons = rings.flat().map((p) => p[0]);
    if (Math.max(...lons) > 180) parts.push(rings.map((r) => ringPath(r.map(([x, y]) => [x - 360, y]))).join(""));
    if (Math.min(...lons) < -180) parts.push(rings.map((r) => ringPath(r.map(([x, y]) => [x + 360, y]))).join(""));
  }
  return parts.join("");
}

/** Class limits for counts 1..max: whole numbers, log-spaced when the range is wide. */
export function countBreaks(max) {
  if (max <= COLOURS.length) return Array.from({ length: max }, (_, i) => i + 1);
  const breaks = [1];
  for (let k = 1; k < COLOURS.length; k += 1) {
    const value = Math.round(Math.exp((Math.log(max) * k) / (COLOURS.length - 1)));
    if (value > breaks[breaks.length - 1]) breaks.push(value);
  }
  return breaks;
}

function colourFor(count, breaks) {
  if (!count) return null;
  let k = 0;
  while (k + 1 < breaks.length && count >= breaks[k + 1]) k += 1;
  return COLOURS[Math.round((k * (COLOURS.length - 1)) / Math.max(1, breaks.length - 1))];
}

// Goldstein mean: -10 (most conflictual) .. +10 (most cooperative), on a diverging red-green scale.
const GOLDSTEIN = [
  [-10, -5, "#b2182b", "-10 to -5"],
  [-5, -2, "#ef8a62", "-5 to -2"],
  [-2, 0, "#fddbc7", "-2 to 0"],
  [0, 2, "#d9f0d3", "0 to 2"],
  [2, 5, "#7fbf7b", "2 to 5"],
  [5, 10.01, "#1b7837", "5 to 10"],
];
// Share of a country's events that are conflict (GDELT quad classes 3 and 4).
const CONFLICT = [
  [0, 0.2, "#fee5d9", "under 20%"],
  [0.2, 0.4, "#fcae91", "20–40%"],
  [0.4, 0.6, "#fb6a4a", "40–60%"],
  [0.6, 0.8, "#de2d26", "60–80%"],
  [0.8, 1.01, "#a50f15", "80% or more"],
];

function binColour(bins, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const bin = bins.find(([low, high]) => value >= low && value < high);
  return bin ? bin[2] : null;
}

/** How countries are shaded: the value of a country row, its colour, and the legend. */
export function shading(mode, countries) {
  if (mode === "goldstein") {
    return {
      colour: (row) => (row ? binColour(GOLDSTEIN, row.goldstein_mean) : null),
      legend: ["Goldstein mean (conflict −10 … +10 cooperation):", GOLDSTEIN.map(([, , colour, label]) => [colour, label])],
    };
  }
  if (mode === "conflict") {
    return {
      colour: (row) => (row && row.events ? binColour(CONFLICT, row.conflict / row.events) : null),
      legend: ["Share of conflict events (quad 3 and 4):", CONFLICT.map(([, , colour, label]) => [colour, label])],
    };
  }
  const breaks = countBreaks(Math.max(0, ...countries.map((c) => c.events)));
  return {
    colour: (row) => colourFor(row ? row.events : 0, breaks),
    legend: [
      "Events per country:",
      breaks.map((low, k) => {
        const high = k + 1 < breaks.length ? breaks[k + 1] - 1 : null;
        return [colourFor(low, breaks), high === null ? `${low}+` : high === low ? String(low) : `${low}–${high}`];
      }),
    ],
  };
}

function legendFor(shade, countries) {
  if (!countries.length) return h("p", { class: "empty" }, "No events with a place.");
  const [title, items] = shade.legend;
  return h(
    "ul",
    { class: "chart-legend", dataset: { legend: title } },
    h("li", { class: "legend-title" }, title),
    items.map(([colour, label]) => h("li", null, h("span", { class: "swatch", style: { background: colour } }), label)),
    h("li", null, h("span", { class: "swatch no-data" }), "no events"),
  );
}

function percent(part, whole) {
  return whole ? `${Math.round((100 * part) / whole)}%` : "—";
}

export function countryLines(name, code, row) {
  if (!row) return [`${name}${code ? ` (${code})` : ""}`, "no events placed here"];
  return [
    `${name}${code ? ` (${code})` : ""}: ${row.events} event${row.events === 1 ? "" : "s"}`,
    `conflict ${row.conflict} (${percent(row.conflict, row.events)}): ${row.quad4 ?? "?"} material, ${row.quad3 ?? "?"} verbal`,
    `cooperation ${row.cooperation}: ${row.quad2 ?? "?"} material, ${row.quad1 ?? "?"} verbal`,
    `Goldstein mean ${formatNumber(row.goldstein_mean)} (−10 conflict … +10 cooperation)`,
  ];
}

function countryTable(countries, names) {
  if (!countries.length) return h("p", { class: "empty" }, "No events with a place.");
  return h(
    "table",
    { class: "country-table" },
    h("thead", null, h("tr", null, ["Country", "Events", "Conflict", "Cooperation", "Goldstein mean"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      null,
      [...countries]
        .sort((a, b) => b.events - a.events)
        .map((c) =>
          h(
            "tr",
            null,
            h("td", null, names.get(c.country) ? `${names.get(c.country)} (${c.country})` : c.country || "—"),
            h("td", { class: "num" }, c.events),
            h("td", { class: "num" }, c.conflict),
            h("td", { class: "num" }, c.cooperation),
            h("td", { class: "num" }, formatNumber(c.goldstein_mean)),
          ),
        ),
    ),
  );
}

export function createMapView({ api, openEvent }) {
  const form = document.getElementById("map-filters");
  const status = document.getElementById("map-status");
  const container = document.getElementById("map-container");
  const legendBox = document.getElementById("map-legend");
  const tableBox = document.getElementById("map-table");
  const shadeSelect = document.getElementById("map-shade");
  let shapes = null; // a promise of {features} or {error}
  let loaded = false;
  let last = null; // the last answer and shapes, redrawn when the shading changes

  function loadShapes() {
    if (!shapes) {
      shapes = api.get("/assets/countries.geojson").then(
        (collection) => ({ features: collection.features || [] }),
        (error) => ({ features: [], error }),
      );
    }
    return shapes;
  }

  function drawCountries(svg, features, byCountry, shade) {
    for (const feature of features) {
      const name = (feature.properties && feature.properties.name) || feature.id || "unknown";
      const row = feature.id ? byCountry.get(feature.id) : undefined;
      const fill = shade.colour(row);
      const lines = countryLines(name, feature.id, row);
      svg.append(
        s(
          "path",
          {
            d: geometryPath(feature.geometry),
            class: fill ? "country" : "country no-data",
            style: fill ? { fill } : null,
            "fill-rule": "evenodd",
            dataset: { country: feature.id || "" },
            on: { mousemove: (e) => tooltip.show(e, lines), mouseleave: () => tooltip.hide() },
          },
          s("title", null, lines.join("\n")),
        ),
      );
    }
  }

  function drawPoints(svg, points) {
    for (const point of points) {
      if (typeof point.lat !== "number" || typeof point.lon !== "number") continue;
      const [cx, cy] = project([point.lon, point.lat]);
      const lines = [
        point.location_name || "unnamed place",
        `${point.cameo} (${QUAD_NAMES[point.quad_class] || "quad ?"})`,
        point.date || "",
      ];
      svg.append(
        s(
          "circle",
          {
            cx: cx.toFixed(1),
            cy: cy.toFixed(1),
            r: 3.5,
            class: `event-point quad-fill-${point.quad_class}`,
            tabindex: "0",
            role: "button",
            "aria-label": `${lines.join(", ")}: open event`,
            dataset: { eventId: point.event_id },
            on: {
              mousemove: (e) => tooltip.show(e, lines),
              mouseleave: () => tooltip.hide(),
              click: () => openEvent(point.event_id),
              keydown: (e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  openEvent(point.event_id);
                }
              },
            },
          },
          s("title", null, lines.join("\n")),
        ),
      );
    }
  }

  async function load() {
    loaded = true;
    setStatus(status, "Loading…");
    try {
      const { shade: _shade, ...filters } = formValues(form);
      const [data, geo] = await Promise.all([api.get("/v1/map", filters), loadShapes()]);
      last = { data, geo };
      draw();
      const names = new Map(geo.features.map((f) => [f.id, f.properties && f.properties.name]));
      replace(tableBox, countryTable(data.countries, names));
      const shapesNote = geo.error ? `Country shapes unavailable: ${geo.error.describe ? geo.error.describe() : geo.error}` : "";
      setStatus(status, shapesNote || `${data.points.length} located events shown.`, geo.error ? "error" : "info");
    } catch (error) {
      setStatus(status, error.describe ? error.describe() : String(error), "error");
    }
  }

  function draw() {
    if (!last) return;
    const { data, geo } = last;
    const byCountry = new Map(data.countries.map((c) => [c.country, c]));
    const shade = shading(shadeSelect.value, data.countries);
    const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT.toFixed(0)}`, class: "map-svg", role: "img", "aria-label": "World map of events" });
    svg.append(s("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }));
    drawCountries(svg, geo.features, byCountry, shade);
    drawPoints(svg, data.points);
    replace(container, svg);
    replace(legendBox, legendFor(shade, data.countries));
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  shadeSelect.addEventListener("change", draw);

  return {
    show() {
      if (!loaded) load();
    },
  };
}
