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

export interface MapEdge {
  from: string;
  to: string;
}

export interface MapStage {
  id: string;
  title: string;
  x: number;
  w: number;
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

export const NODE_W = 190;
export const NODE_H = 46;
const COL_GAP = 70;
const ROW_GAP = 14;
const HEADER = 52;
const PAD = 16;

/**
 * A layered layout: one column per stage in recommended order (prerequisites point left, or down
 * within a stage), lessons stacked in their order. Deterministic and readable for ~40 nodes, and it
 * shows the roadmap's own structure rather than a force layout's guess.
 */
export function layoutTrack(c: Catalog, trackId: string): TrackLayout | undefined {
  const track = c.tracks.find((t) => t.id === trackId);
  if (!track) return undefined;
  const nodes: MapNode[] = [];
  const stages: MapStage[] = [];
  let maxRows = 0;
  track.stages.forEach((s, col) => {
    const x = PAD + col * (NODE_W + COL_GAP);
    stages.push({ id: s.id, title: s.title, x, w: NODE_W });
    s.lessonIds.forEach((id, row) => {
      const l = c.lessons.get(id)!;
      nodes.push({ id, title: l.title, stageId: s.id, x, y: HEADER + PAD + row * (NODE_H + ROW_GAP), w: NODE_W, h: NODE_H, status: l.status });
    });
    maxRows = Math.max(maxRows, s.lessonIds.length);
  });
  const inTrack = new Set(nodes.map((n) => n.id));
  const edges: MapEdge[] = [];
  const external: Record<string, string[]> = {};
  for (const n of nodes) {
    for (const p of c.lessons.get(n.id)!.prerequisites) {
      if (inTrack.has(p)) edges.push({ from: p, to: n.id });
      else if (c.lessons.has(p)) (external[n.id] ??= []).push(c.lessons.get(p)!.title);
    }
  }
  return {
    trackId,
    title: track.title,
    width: PAD * 2 + Math.max(1, track.stages.length) * (NODE_W + COL_GAP) - COL_GAP,
    height: HEADER + PAD * 2 + Math.max(1, maxRows) * (NODE_H + ROW_GAP) - ROW_GAP,
    nodes,
    edges,
    stages,
    external,
  };
}
