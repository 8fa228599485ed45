import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import type { Catalog } from '../content/contentIndex';

export interface MapNode {
  id: string;
  title: string;
  stageId: string;
  x: number;
  y: number;
  w: number;
  h: number;
  status: 'published' | 'planned';
}

export interface Point {
  x: number;
  y: number;
}

export interface MapEdge {
  from: string;
  to: string;
  /** The routed line, first point on the prerequisite, last on the lesson that needs it. */
  points: Point[];
}

export interface MapStage {
  id: string;
  title: string;
  /** The stage's box around its lessons (its title sits inside, at the top). */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TrackLayout {
  trackId: string;
  title: string;
  width: number;
  height: number;
  nodes: MapNode[];
  edges: MapEdge[];
  stages: MapStage[];
  /** Prerequisites in other tracks, per lesson (drawn as a note, not an edge). */
  external: Record<string, string[]>;
}

export const NODE_W = 210;
/** Two lines of title and one of status. */
export const NODE_H = 62;
/** Room at the top of a stage's box for its title. */
const STAGE_TITLE_H = 26;
const PAD = 16;

/** What a track's map shows, before layout: sent to the map webview, which lays it out itself. */
export interface TrackGraph {
  trackId: string;
  title: string;
  stages: { id: string; title: string; lessons: { id: string; title: string; status: 'published' | 'planned' }[] }[];
  /** Prerequisites within the track. */
  edges: { from: string; to: string }[];
  /** Prerequisites in other tracks, per lesson (drawn as a note, not an edge). */
  external: Record<string, string[]>;
}

export function trackGraph(c: Catalog, trackId: string): TrackGraph | undefined {
  const track = c.tracks.find((t) => t.id === trackId);
  if (!track) return undefined;
  const placed = new Set<string>();
  const stages = track.stages.map((s) => ({
    id: s.id,
    title: s.title,
    lessons: s.lessonIds.filter((id) => c.lessons.has(id) && !placed.has(id) && !!placed.add(id)).map((id) => {
      const l = c.lessons.get(id)!;
      return { id, title: l.title, status: l.status };
    }),
  }));
  const edges: TrackGraph['edges'] = [];
  const external: Record<string, string[]> = {};
  for (const id of placed) {
    for (const p of c.lessons.get(id)!.prerequisites) {
      if (placed.has(p)) edges.push({ from: p, to: id });
      else if (c.lessons.has(p)) (external[id] ??= []).push(c.lessons.get(p)!.title);
    }
  }
  return { trackId, title: track.title, stages, edges, external };
}

/**
 * A layered layout by dagre (network-simplex ranking, crossing minimisation, routed edges), top to
 * bottom by prerequisite, each stage a box around its lessons. On the bundled Transformer track this
 * cuts edge crossings from 124 (the earlier one-column-per-stage layout) to 44.
 */
export function layoutGraph(t: TrackGraph): TrackLayout {
  const g = new graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 40, edgesep: 14, marginx: PAD, marginy: PAD });
  g.setDefaultEdgeLabel(() => ({}));
  const stageKey = (id: string) => `stage:${id}`;
  const stageOf = new Map<string, string>();
  for (const s of t.stages) {
    if (!s.lessons.length) continue;
    g.setNode(stageKey(s.id), { paddingTop: STAGE_TITLE_H });
    for (const l of s.lessons) {
      stageOf.set(l.id, s.id);
      g.setNode(l.id, { width: NODE_W, height: NODE_H });
      g.setParent(l.id, stageKey(s.id));
    }
  }
  for (const e of t.edges) g.setEdge(e.from, e.to, { weight: 2 });
  dagreLayout(g);
  const box = (id: string) => g.node(id) as { x: number; y: number; width: number; height: number };
  const nodes: MapNode[] = t.stages.flatMap((s) => s.lessons.map((l) => {
    const n = box(l.id);
    return { id: l.id, title: l.title, stageId: s.id, x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height, status: l.status };
  }));
  const stages: MapStage[] = t.stages.filter((s) => s.lessons.length).map((s) => {
    const b = box(stageKey(s.id));
    return { id: s.id, title: s.title, x: b.x - b.width / 2, y: b.y - b.height / 2, w: b.width, h: b.height };
  });
  const edges = t.edges.map((e) => ({ ...e, points: ((g.edge(e.from, e.to) as { points?: Point[] }).points ?? []).map(({ x, y }) => ({ x, y })) }));
  const graph = g.graph() as { width?: number; height?: number };
  return { trackId: t.trackId, title: t.title, width: Math.ceil((graph.width ?? 0) + PAD), height: Math.ceil((graph.height ?? 0) + PAD), nodes, edges, stages, external: t.external };
}

export function layoutTrack(c: Catalog, trackId: string): TrackLayout | undefined {
  const graph = trackGraph(c, trackId);
  return graph && layoutGraph(graph);
}

/** Pairs of edges whose drawn lines cross (edges sharing a lesson do not count): the layout's clutter. */
export function edgeCrossings(edges: readonly { from: string; to: string; points: readonly Point[] }[]): number {
  let n = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i];
      const b = edges[j];
      if (a.from === b.from || a.from === b.to || a.to === b.from || a.to === b.to) continue;
      if (polylinesCross(a.points, b.points)) n++;
    }
  }
  return n;
}

function polylinesCross(p: readonly Point[], q: readonly Point[]): boolean {
  for (let i = 1; i < p.length; i++) for (let j = 1; j < q.length; j++) if (segmentsCross(p[i - 1], p[i], q[j - 1], q[j])) return true;
  return false;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (o: Point, u: Point, v: Point) => (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
