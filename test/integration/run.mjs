// Runs test/integration/suite.cjs inside code-server's extension host, with the repo loaded as
// the development extension, via the workbench's `payload` URL parameter (honoured when
// code-server runs with `--vscode-option enable-smoke-test-driver`). When run() settles the
// workbench calls window.codeAutomationExit(code); we expose that function to learn the result.
//   node test/integration/run.mjs          # needs `npm run build` (dist/extension.js)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VSCode, REPO, PKG_MAIN, log } from '../e2e/harness.mjs';

const SUITE = path.resolve(process.env.IT_SUITE || path.join(REPO, 'test', 'integration', 'suite.cjs'));
const TIMEOUT_S = Number(process.env.IT_TIMEOUT || 180);

let passed = 0;
let failed = 0;
let vs;
const t0 = Date.now();
try {
  if (!fs.existsSync(path.join(REPO, PKG_MAIN))) throw new Error(`${PKG_MAIN} is missing: run \`npm run build\` first`);
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mllab-it-')), 'results.txt');
  vs = await VSCode.start({
    label: 'integration',
    installExtension: false, // loaded as the development extension instead
    smokeTestDriver: true,
    env: { MLLAB_IT_RESULTS: results },
  });
  const { page } = vs;
  let exit;
  const exited = new Promise((r) => { exit = r; });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  page.on('console', (m) => { if (m.text().includes('[mllab-it]') && process.env.E2E_VERBOSE) log(m.text()); });
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', vs.remoteUri(REPO)],
    ['extensionTestsPath', vs.remoteUri(SUITE)],
  ]);
  await vs.open({ payload });
  let timer;
  const code = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), TIMEOUT_S * 1000); })]);
  clearTimeout(timer);
  log(`codeAutomationExit(${code}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const lines = fs.existsSync(results) ? fs.readFileSync(results, 'utf8').trimEnd().split('\n') : [];
  fs.rmSync(path.dirname(results), { recursive: true, force: true });
  for (const l of lines) {
    console.log(l);
    if (l.startsWith('ok - ')) passed++;
    else if (l.startsWith('not ok - ')) failed++;
  }
  if (code === 'timeout') {
    failed++;
    console.log(`not ok - the suite finished within ${TIMEOUT_S} s`);
    await vs.screenshot('FAIL-integration-timeout').catch(() => {});
  } else if (code !== 0 && failed === 0) {
    failed++;
    console.log(`not ok - suite exited with code ${code} (see test/e2e/artifacts/integration-logs)`);
  } else if (lines.length === 0) {
    failed++;
    console.log('not ok - the suite reported no results (MLLAB_IT_RESULTS not reaching the extension host?)');
  }
} catch (e) {
  failed++;
  console.log('not ok - integration run');
  console.log(String(e?.stack || e).split('\n').map((l) => `  # ${l}`).join('\n'));
} finally {
  await vs?.stop();
  console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
