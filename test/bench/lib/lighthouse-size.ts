// Issue 24 item 5: what a phone downloads before the first screen. Reads web/dist/index.html (after
// `npm run build:web`), takes its module script and modulepreload links, follows each chunk's static
// imports (`import ... from "./x.js"`, not `import("./x.js")`) and sums their gzip sizes. Route chunks,
// the map and the charts are dynamic imports and so not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 24 item 5: at most 120 KB (120 000 bytes) of gzip JavaScript before the first screen. */
export const initialJsTargetBytes = 120_000;

export interface InitialChunk {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface InitialJs {
  readonly chunks: readonly InitialChunk[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly cssGzipBytes: number;
}

const attr = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

/** Static imports of a built ES chunk: `import{a}from"./x.js"`, `import"./y.js"`, `export{b}from"./z.js"`. */
export const staticImports = (code: string): string[] =>
  [
    ...code.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
    ),
  ].map((m) => m[1]!);

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

export const measureInitialJs = (distDir: string): InitialJs => {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const roots = [
    ...attr(html, /<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...attr(html, /<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((p) => p.replace(/^\//, ''));
  const seen = new Set<string>();
  const queue = [...roots];
  const chunks: InitialChunk[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const buf = readFileSync(join(distDir, file));
    chunks.push({ file, bytes: buf.length, gzipBytes: gz(buf) });
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const rel of staticImports(buf.toString('utf8'))) {
      queue.push(new URL(rel, `http://x/${dir}`).pathname.slice(1));
    }
  }
  const css = attr(html, /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g).map((p) => p.replace(/^\//, ''));
  return {
    chunks,
    bytes: chunks.reduce((s, c) => s + c.bytes, 0),
    gzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
    cssGzipBytes: css.reduce((s, f) => s + gz(readFileSync(join(distDir, f))), 0),
  };
};
