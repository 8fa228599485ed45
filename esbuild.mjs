// Builds the extension host bundle, the CLI and benchmark, and one browser bundle per webview.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const bench = process.argv.includes('--bench');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

/** Reports build results in the format of the esbuild problem matcher (watch mode). */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((r) => {
      for (const { text, location } of r.errors) console.error(`✘ [ERROR] ${text}\n    ${location?.file}:${location?.line}:${location?.column}:`);
      console.log('[watch] build finished');
    });
  },
};

/** One KaTeX in the bundle: `import` and the katex plugin's `require` would otherwise pull both its ESM and CJS builds. */
const singleKatex = {
  name: 'single-katex',
  setup(build) {
    build.onResolve({ filter: /^katex$/ }, () => ({ path: path.resolve('node_modules/katex/dist/katex.js') }));
  },
};

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  plugins: watch ? [problemMatcher, singleKatex] : [singleKatex],
};
const browser = { ...common, platform: 'browser', format: 'iife', target: 'es2022', plugins: watch ? [problemMatcher] : [] };

// a packaging build starts clean so no dev sourcemap or stale bundle ends up in the .vsix
if (production) rmSync('dist', { recursive: true, force: true });

const builds = [
  { ...node, entryPoints: ['src/host/extension.ts'], outfile: 'dist/extension.js' },
  // render checks run in a worker thread so hostile content cannot block the extension host
  { ...node, entryPoints: ['src/node/renderCheckWorker.ts'], outfile: 'dist/renderCheckWorker.js' },
  { ...node, entryPoints: ['src/cli/checkContent.ts'], outfile: 'dist/cli/checkContent.js', sourcemap: false },
  { ...node, entryPoints: ['src/cli/checkRefs.ts'], outfile: 'dist/cli/checkRefs.js', sourcemap: false },
  { ...browser, entryPoints: ['src/webview/lesson/main.ts'], outfile: 'dist/webview/lesson.js' },
  { ...browser, entryPoints: ['src/webview/review/main.ts'], outfile: 'dist/webview/review.js' },
  { ...browser, entryPoints: ['src/webview/dashboard/main.ts'], outfile: 'dist/webview/dashboard.js' },
  { ...browser, entryPoints: ['src/webview/map/main.ts'], outfile: 'dist/webview/map.js' },
  { ...browser, entryPoints: ['src/webview/today/main.ts'], outfile: 'dist/webview/today.js' },
  // mermaid is big: its own bundle, loaded only by lessons that have a diagram, always minified
  { ...browser, entryPoints: ['src/webview/mermaid/main.ts'], outfile: 'dist/webview/mermaid.js', minify: true, sourcemap: false, legalComments: 'none' },
];
if (bench) builds.push({ ...node, entryPoints: ['src/bench/bench.ts'], outfile: 'dist/bench/bench.js', sourcemap: false, minify: false });

/** KaTeX's stylesheet and its woff2 fonts only (every webview supports woff2; the rest would be dead weight). */
function copyKatex() {
  const from = 'node_modules/katex/dist';
  const to = 'dist/webview/katex';
  mkdirSync(`${to}/fonts`, { recursive: true });
  for (const f of readdirSync(`${from}/fonts`)) if (f.endsWith('.woff2')) cpSync(`${from}/fonts/${f}`, `${to}/fonts/${f}`);
  const css = readFileSync(`${from}/katex.min.css`, 'utf8').replace(/,url\([^)]+\.woff\) format\("woff"\)|,url\([^)]+\.ttf\) format\("truetype"\)/g, '');
  writeFileSync(`${to}/katex.min.css`, css);
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  copyKatex();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyKatex();
}
