#!/usr/bin/env node
// Derives crates/gazetteer/data/centroids.tsv: the geographic centre of each country and US
// state, as the reader's map and the gazetteer's points use them ("the dot for the United
// States sits in the middle of the United States", not at a capital or a rounded reference
// point). A centre is the spherical centroid (d3-geo `geoCentroid`) of the unit's largest
// polygon by area (the mainland: contiguous United States, not Alaska; Honshu's Japan is
// still Japan's main island), which keeps overseas territories and far islands from dragging
// the point into the sea.
//
// Sources (see crates/gazetteer/data/NOTICE.md): Natural Earth 1:50m admin-0 countries (public
// domain) from the npm package `world-atlas` 2.0.2 (ISC), keyed by ISO 3166-1 numeric code;
// US Census cartographic boundaries of the states (public domain) from `us-atlas` 3.0.1 (ISC),
// keyed by FIPS code; read with `topojson-client` 3.1.0 and measured with `d3-geo` 3.1.2 (ISC).
//
// Rebuild (Node 20):
//   mkdir -p /tmp/wa && cd /tmp/wa && npm install world-atlas@2.0.2 us-atlas@3.0.1 topojson-client@3.1.0 d3-geo@3.1.2
//   NODE_PATH=/tmp/wa/node_modules node tools/derive_centroids.js > crates/gazetteer/data/centroids.tsv
//
// Output: a `#` comment line, then `key<TAB>name<TAB>lat<TAB>lon` sorted by key; `key` is
// `iso:<numeric>` for a country and `us:<fips>` for a US state; coordinates to 0.01°.
"use strict";

const path = require("path");
const fs = require("fs");
const { pathToFileURL } = require("url");

async function main() {
  const topojson = require("topojson-client");
  const d3 = await import(pathToFileURL(require.resolve("d3-geo")).href);
  const rows = [];
  const read = (pkg, file) =>
    JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), "utf8"));
  const best = new Map();
  const add = (prefix, topo, object) => {
    for (const f of topojson.feature(topo, topo.objects[object]).features) {
      if (f.id === undefined || f.geometry === null) continue;
      const raw = f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates];
      // A ring wound the other way encloses the rest of the sphere: d3-geo measures it as
      // 4π minus the land. Such polygons are turned round before they are measured.
      const polys = raw.map((p) => {
        const area = d3.geoArea({ type: "Polygon", coordinates: p });
        return area > 2 * Math.PI
          ? { p: p.map((ring) => ring.slice().reverse()), area: 4 * Math.PI - area }
          : { p, area };
      });
      polys.sort((a, b) => b.area - a.area);
      const total = polys.reduce((sum, x) => sum + x.area, 0);
      // The mainland when it holds most of the land (the contiguous United States); the
      // whole when the land is spread over islands (the Philippines, Indonesia).
      const shape = polys[0].area >= (2 / 3) * total
        ? { type: "Polygon", coordinates: polys[0].p }
        : { type: "MultiPolygon", coordinates: polys.map((x) => x.p) };
      const [lon, lat] = d3.geoCentroid(shape);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const key = `${prefix}:${f.id}`;
      // Natural Earth gives a few ids to more than one feature (a country and a dependency):
      // the larger is the country.
      if (best.has(key) && best.get(key).total >= total) continue;
      best.set(key, { row: [key, f.properties.name, lat.toFixed(2), lon.toFixed(2)], total });
    }
  };
  add("iso", read("world-atlas", "countries-50m.json"), "countries");
  add("us", read("us-atlas", "states-10m.json"), "states");
  for (const { row } of best.values()) rows.push(row);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = ["# centre of the largest polygon: Natural Earth 50m countries (world-atlas 2.0.2), US Census states (us-atlas 3.0.1); public domain; tools/derive_centroids.js"];
  for (const r of rows) out.push(r.join("\t"));
  process.stdout.write(out.join("\n") + "\n");
}

main().catch((e) => { console.error(e); process.exit(1); });
