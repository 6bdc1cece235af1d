#!/usr/bin/env node
// Derives crates/server/data/world-110m.txt, the land outline the reader's world map draws
// (crates/server/src/pages/map.rs), from Natural Earth's 1:110m land polygons (public domain)
// as packaged in the npm package `world-atlas` (ISC), read with `topojson-client` (ISC) and
// projected with `d3-geo` (ISC). See crates/server/data/NOTICE.md.
//
// Rebuild (Node 20):
//   mkdir -p /tmp/wa && cd /tmp/wa && npm install world-atlas@2.0.2 topojson-client@3.1.0 d3-geo@3.1.2
//   NODE_PATH=/tmp/wa/node_modules node tools/derive_world_outline.js > crates/server/data/world-110m.txt
//
// Options: --source land-110m|countries-110m|land-50m (default land-110m; `countries-*` are
// merged into one land shape), --scale N (grid units per degree, default 10; map.rs's SCALE
// must match), --tolerance T (grid units, default 0.5).
//
// Output: a text file, one ring a line after two `#` comment lines. Projection:
// equirectangular, rings cut at the antimeridian (see projectedRings), x = (lon + 180) * scale,
// y = (90 - lat) * scale, rounded to integers, so the world is the grid
// 0..360*scale × 0..180*scale. A ring is SVG path data in grid units:
// `M{x} {y}l{dx} {dy}{dx} {dy}…z` — an absolute start, then integer steps (a "delta-encoded"
// ring that is at the same time a ready SVG path). Consecutive duplicate points (after
// rounding) are dropped, rings are simplified with Douglas–Peucker at --tolerance grid units
// (default 0.5: nothing a reader could see), and rings left with fewer than three points or
// no area are dropped. Holes are kept as rings of their own (the map fills with evenodd).
// The output is deterministic: the same input gives the same bytes.
"use strict";

const { pathToFileURL } = require("url");

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const source = option("source", "land-110m");
const scale = Number(option("scale", "10"));
const tolerance = Number(option("tolerance", "0.5"));
if (!/^(land|countries)-(110m|50m|10m)$/.test(source)) throw new Error(`bad --source ${source}`);
if (!(Number.isInteger(scale) && scale > 0 && scale <= 100)) throw new Error(`bad --scale ${scale}`);
if (!(tolerance >= 0)) throw new Error(`bad --tolerance ${tolerance}`);

const topojson = require("topojson-client");
const topology = require(`world-atlas/${source}.json`);
const version = require("world-atlas/package.json").version;

// The land as one GeoJSON MultiPolygon: land-* has one; countries-* are merged.
let geometry;
if (source.startsWith("land")) {
  const fc = topojson.feature(topology, topology.objects.land);
  geometry = { type: "MultiPolygon", coordinates: fc.features.flatMap((f) => polygons(f.geometry)) };
} else {
  geometry = topojson.merge(topology, topology.objects.countries.geometries);
}
function polygons(g) {
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

const W = 360 * scale;
const H = 180 * scale;

// world-atlas stitches Natural Earth's rings across the antimeridian (Chukotka is part of
// Eurasia, Antarctica's ring goes round the pole), which a flat map cannot draw as they are.
// d3-geo's equirectangular projection cuts them at ±180° and closes Antarctica along the
// bottom edge; precision 0 keeps the data's own vertices (straight lines on the map).
async function projectedRings() {
  const d3 = await import(pathToFileURL(require.resolve("d3-geo")).href);
  const projection = d3
    .geoEquirectangular()
    .scale((scale * 180) / Math.PI)
    .translate([W / 2, H / 2])
    .precision(0);
  const rings = [];
  let current = null;
  const context = {
    moveTo(x, y) {
      current = [[x, y]];
      rings.push(current);
    },
    lineTo(x, y) {
      current.push([x, y]);
    },
    closePath() {},
    arc() {
      throw new Error("points are not drawn");
    },
  };
  d3.geoPath(projection, context)(geometry);
  return rings;
}
const round = ([x, y]) => [Math.min(W, Math.max(0, Math.round(x))), Math.min(H, Math.max(0, Math.round(y)))];

// Douglas–Peucker on an open polyline (first and last kept).
function simplify(points, tol) {
  if (points.length < 3 || tol <= 0) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * (px - ax) - dx * (py - ay)) / len;
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > tol) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function area2(ring) {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    a += x0 * y1 - x1 * y0;
  }
  return a;
}

// One ring as a line: rounded, without repeats, simplified; `null` if nothing is left.
function ringLine(ring) {
  // Round; drop repeats, including the closing point (`z` closes).
  let pts = [];
  for (const p of ring.map(round)) {
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  const same = (p, q) => p[0] === q[0] && p[1] === q[1];
  while (pts.length > 1 && same(pts[0], pts[pts.length - 1])) pts.pop();
  if (pts.length < 3) return null;
  // Simplify as a closed ring: split at the point farthest from the start.
  let far = 0;
  let best = -1;
  pts.forEach(([x, y], i) => {
    const d = Math.hypot(x - pts[0][0], y - pts[0][1]);
    if (d > best) {
      best = d;
      far = i;
    }
  });
  const first = simplify(pts.slice(0, far + 1), tolerance);
  const second = simplify(pts.slice(far).concat([pts[0]]), tolerance);
  pts = first.concat(second.slice(1, -1));
  if (pts.length < 3 || area2(pts) === 0) return null;
  let d = `M${pts[0][0]} ${pts[0][1]}l`;
  for (let i = 1; i < pts.length; i++) {
    const dx = pts[i][0] - pts[i - 1][0];
    const dy = pts[i][1] - pts[i - 1][1];
    // A minus sign separates numbers by itself.
    d += `${i > 1 && dx >= 0 ? " " : ""}${dx}${dy >= 0 ? " " : ""}${dy}`;
  }
  return { line: `${d}z`, points: pts.length };
}

async function main() {
  const rings = (await projectedRings()).map(ringLine).filter(Boolean);
  const points = rings.reduce((n, r) => n + r.points, 0);
  process.stdout.write(
    `# Natural Earth ${source.replace("-", " ")}${source.startsWith("land") ? "" : ", merged"} (public domain), ` +
      `from world-atlas ${version}/${source}.json (ISC), cut at the antimeridian by d3-geo; see NOTICE.md.\n` +
      `# scale ${scale}: x = (lon + 180) * ${scale}, y = (90 - lat) * ${scale}; grid ${W} x ${H}; ` +
      `${rings.length} rings, ${points} points; one ring a line, SVG path data (M x y, then relative l steps, z).\n` +
      rings.map((r) => r.line).join("\n") +
      "\n",
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
