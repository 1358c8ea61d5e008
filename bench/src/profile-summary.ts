/**
 * Summaries of V8 `.cpuprofile` files (from `node --cpu-prof` or the bench's `--cpu-prof-dir`):
 * total sampled time, the functions with the most self time, and self time by area (a package in
 * node_modules, a library or app of this repository, Node internals, native/GC).
 */
import { relative } from 'node:path';

/** The parts of the `.cpuprofile` JSON the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One line of the summary. */
export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

/** What {@link summariseProfile} finds. */
export interface ProfileSummary {
  sampledMs: number;
  /** By self time: where the CPU was. */
  functions: ProfileLine[];
  /** By total time (the function or anything it called was on the stack; each counted once per sample): which paths cost. */
  inclusive: ProfileLine[];
  areas: ProfileLine[];
}

/**
 * Self time per function (name, file and line) and per area, largest first; `repoRoot` shortens
 * file names. Idle time (`(idle)`) is left out of the shares.
 */
export function summariseProfile(profile: CpuProfile, repoRoot: string, top = 25): ProfileSummary {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const keyOf = (node: CpuProfile['nodes'][number]) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortFile(url, repoRoot);
    return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
  };
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    const { functionName, url } = node.callFrame;
    if (us === 0 || functionName === '(idle)') continue;
    total += us;
    const key = keyOf(node);
    functions.set(key, (functions.get(key) ?? 0) + us);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    // Every function on this node's stack, once (recursion is not counted twice).
    const seen = new Set<string>();
    for (let at: number | undefined = node.id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)!;
      if (frame.callFrame.functionName === '(root)') continue;
      const k = keyOf(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const lines = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, share: total > 0 ? Math.round((us / total) * 1000) / 10 : 0 }));
  return { sampledMs: Math.round(total / 1000), functions: lines(functions, top), inclusive: lines(inclusive, top), areas: lines(areas, 20) };
}

/** The area a frame belongs to: `node_modules/<package>`, `libs/<lib>`, `apps/<app>`, `bench`, `node:internal` or `(native)`. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.includes('/bench/')) return 'bench';
  if (url.startsWith('node:')) return 'node:internal';
  return url;
}

function shortFile(url: string, repoRoot: string): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/(.*)$/.exec(path);
  if (pkg) return pkg[1]!;
  return path.startsWith('/') ? relative(repoRoot, path).replace(/^dist\/bench\//, '') : path;
}

