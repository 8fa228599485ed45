// Harness for tests in a REAL VS Code: code-server (VS Code's workbench + Node extension host,
// installed by scripts/e2e-setup.sh into a cache outside the clone) driven in Debian's Chromium by
// playwright-core. Plain Node ESM; runs under the machine's Node 20 or the cache's Node 24.
//
//   const vs = await VSCode.start({ label: 'e2e' });   // code-server + Chromium, fixture workspace copied to a temp dir
//   await vs.open(); await vs.waitWorkbench();
//   await vs.runCommand('ML Learning Lab: Open Lesson...');
//   vs.webview().locator('main#lesson') ...
//   await vs.stop();                                    // always (runScenarios does it for you)
//
// Everything started here (code-server in its own process group, Chromium, temp dirs) is torn down
// by stop(), and also on SIGINT/SIGTERM and on process exit.
//
// Environment:
//   E2E_DIR        install dir from scripts/e2e-setup.sh (default: run that script; it is a no-op when cached)
//   E2E_KEEP=1     keep the temp dir (user data, workspace copy, browser profile) for inspection
//   E2E_HEADED=1   show the browser (needs a display)
//   E2E_TIMEOUT    per-scenario timeout in seconds (default 180)
//   CHROMIUM       browser executable (default /usr/bin/chromium)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = path.join(REPO, 'test', 'e2e', 'artifacts');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
export const EXTENSION_FOLDER = `${EXTENSION_ID}-${PKG.version}`;
export const PKG_MAIN = PKG.main;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--password-store=basic'];

/** Settings for a quiet, deterministic workbench. Unknown keys are ignored by VS Code. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.setupFromDialog': false,
  'security.workspace.trust.enabled': false, // the fixture's workspace content root must load (trusted)
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.exclude': { '**/.git': true },
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A delay that does not keep the process alive (for timeouts raced against real work). */
const grace = (ms) => new Promise((r) => setTimeout(r, ms).unref());
const t0 = Date.now();
export const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1);
export const log = (...a) => console.error(`[${elapsed()}s]`, ...a);

// ---------------------------------------------------------------------------------------------
// install location

let cachedE2eDir;
/** The directory with node@24, code-server and playwright-core (see scripts/e2e-setup.sh). */
export function e2eDir() {
  if (cachedE2eDir) return cachedE2eDir;
  let dir = process.env.E2E_DIR;
  if (!dir) {
    const out = execFileSync('bash', [path.join(REPO, 'scripts', 'e2e-setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    dir = out.trim().split('\n').pop();
  }
  for (const f of ['node_modules/.bin/node', 'node_modules/code-server/out/node/entry.js', 'node_modules/playwright-core/package.json']) {
    if (!fs.existsSync(path.join(dir, f))) throw new Error(`E2E_DIR=${dir} has no ${f}: run scripts/e2e-setup.sh`);
  }
  return (cachedE2eDir = dir);
}

function playwright() {
  return createRequire(path.join(e2eDir(), 'node_modules', 'noop.js'))('playwright-core');
}

// ---------------------------------------------------------------------------------------------
// processes

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set(); // sessions to tear down on exit
function killGroupSync(pid, signal = 'SIGKILL') {
  try { process.kill(-pid, signal); } catch { /* gone */ }
}
process.on('exit', () => {
  for (const s of live) {
    if (s.cs?.pid) killGroupSync(s.cs.pid);
    if (s.tmp && !process.env.E2E_KEEP) try { fs.rmSync(s.tmp, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    Promise.race([Promise.allSettled([...live].map((s) => s.stop())), grace(5000)]).finally(() => process.exit(130));
  });
}

/** Copy a folder recursively (fixture -> temp workspace). */
export function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, dereference: true });
}

// ---------------------------------------------------------------------------------------------
// one code-server + one browser

export class VSCode {
  /**
   * @param {object} o
   * @param {string} [o.label]            name used for artifact files (logs)
   * @param {string} [o.fixture]          folder under test/fixtures copied to a temp dir and opened (default 'workspace')
   * @param {boolean} [o.installExtension] symlink the repo into the extensions dir (default true)
   * @param {boolean} [o.smokeTestDriver] start code-server with enable-smoke-test-driver (honours ?payload=)
   * @param {object} [o.settings]         extra user settings
   * @param {object} [o.env]              extra environment for code-server and its extension host
   * @param {{width:number,height:number}} [o.viewport]
   * @param {(workspace: string) => void} [o.prepare] runs on the copied workspace before code-server starts
   */
  static async start(o = {}) {
    const vs = new VSCode(o);
    live.add(vs);
    try {
      await vs.startServer();
      await vs.startBrowser();
    } catch (e) {
      await vs.stop();
      throw e;
    }
    return vs;
  }

  constructor(o) {
    this.o = { label: 'e2e', fixture: 'workspace', installExtension: true, smokeTestDriver: false, viewport: { width: 1400, height: 900 }, ...o };
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mllab-e2e-'));
    this.userDataDir = path.join(this.tmp, 'user-data');
    this.extensionsDir = path.join(this.tmp, 'extensions');
    this.profileDir = path.join(this.tmp, 'chromium-profile');
    this.workspace = path.join(this.tmp, 'workspace');
    this.serverLog = path.join(this.tmp, 'code-server.log');
    this.browserLog = [];
  }

  async startServer() {
    const dir = e2eDir();
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...this.o.settings }, null, 2));
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    if (this.o.installExtension) {
      if (!fs.existsSync(path.join(REPO, PKG.main))) throw new Error(`${PKG.main} is missing: run \`npm run build\` first`);
      fs.symlinkSync(REPO, path.join(this.extensionsDir, EXTENSION_FOLDER), 'dir');
    }
    if (this.o.fixture) copyDir(path.join(FIXTURES, this.o.fixture), this.workspace);
    else fs.mkdirSync(this.workspace);
    if (this.o.prepare) this.o.prepare(this.workspace);

    this.port = await freePort();
    const node = path.join(dir, 'node_modules', '.bin', 'node');
    const args = [path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
      '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
    if (this.o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    args.push(this.workspace);
    const out = fs.openSync(this.serverLog, 'a');
    const t = Date.now();
    this.cs = spawn(node, args, {
      detached: true, // own process group: stop() kills code-server and its extension hosts together
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
        XDG_CONFIG_HOME: path.join(this.tmp, 'xdg', 'config'),
        XDG_DATA_HOME: path.join(this.tmp, 'xdg', 'data'),
        XDG_CACHE_HOME: path.join(this.tmp, 'xdg', 'cache'),
        ...this.o.env,
      },
    });
    fs.closeSync(out);
    this.csExited = new Promise((r) => this.cs.once('exit', (code, signal) => r({ code, signal })));
    let exited;
    void this.csExited.then((e) => { exited = e; });
    for (;;) {
      if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}) before it was ready; log: ${this.serverLog}\n${tail(this.serverLog)}`);
      if (Date.now() - t > 60000) throw new Error(`code-server not ready after 60 s; log: ${this.serverLog}\n${tail(this.serverLog)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (r.ok) break;
      } catch { /* not yet */ }
      await sleep(100);
    }
    this.timings = { serverReady: (Date.now() - t) / 1000 };
    log(`code-server ready on port ${this.port} in ${this.timings.serverReady.toFixed(1)} s (pid ${this.cs.pid})`);
  }

  async startBrowser() {
    const { chromium } = playwright();
    const headed = !!process.env.E2E_HEADED;
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: !headed,
      viewport: this.o.viewport,
      args: headed ? CHROMIUM_ARGS : ['--headless', ...CHROMIUM_ARGS],
    });
    this.context.setDefaultTimeout(30000);
    this.page = this.context.pages()[0] || await this.context.newPage();
    const keep = (line) => {
      this.browserLog.push(`[${elapsed()}s] ${line}`);
      if (process.env.E2E_VERBOSE) log(line);
    };
    this.page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') keep(`console.${m.type()}: ${m.text().slice(0, 500)}`); });
    this.page.on('pageerror', (e) => keep(`pageerror: ${e.message}`));
  }

  /** Workbench URL for the temp workspace; extra query parameters (e.g. payload) appended. */
  url(query = {}) {
    const q = new URLSearchParams({ folder: this.workspace, ...query });
    return `http://127.0.0.1:${this.port}/?${q}`;
  }

  /** A `vscode-remote://` URI of a server-side path, as the `payload` parameter wants. */
  remoteUri(p) {
    return `vscode-remote://127.0.0.1:${this.port}${p}`;
  }

  async open(query) {
    await this.page.goto(this.url(query), { waitUntil: 'domcontentloaded' });
  }

  /** Wait for the workbench and the extension's activity-bar entry. */
  async waitWorkbench({ container = 'ML Learning Lab' } = {}) {
    const t = Date.now();
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    if (container) await this.activityBarItem(container).waitFor({ timeout: 60000 });
    // let restored editors / startup notifications settle
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 30000 });
    this.timings.workbench ??= (Date.now() - t) / 1000;
  }

  async reload() {
    await this.page.reload({ waitUntil: 'domcontentloaded' });
  }

  activityBarItem(title) {
    return this.page.locator(`.activitybar [aria-label*="${title}"]`).first();
  }

  /** Open a view container from the activity bar (no-op when it is already showing). */
  async showContainer(title) {
    const item = this.activityBarItem(title);
    await item.waitFor({ timeout: 30000 });
    const showing = async () => (await this.sidebar.isVisible())
      && ((await this.sidebar.locator('.composite.title .title-label').first().textContent().catch(() => '')) ?? '').toLowerCase().includes(title.toLowerCase());
    for (let i = 0; i < 3 && !(await showing()); i++) {
      await item.click();
      await sleep(300);
    }
    if (!(await showing())) throw new Error(`view container "${title}" is not showing in the side bar`);
  }

  get sidebar() {
    return this.page.locator('.part.sidebar');
  }

  /**
   * A tree row in the side bar by its visible label (`.label-name`; exact unless exact: false).
   * Matching the accessible name would not do: a tree item with a string tooltip gets the tooltip
   * as its aria-label.
   */
  treeItem(label, { exact = true } = {}) {
    const text = exact ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
    return this.sidebar.locator('[role="treeitem"]').filter({ has: this.page.locator('.label-name', { hasText: text }) }).first();
  }

  /** Widen (or narrow) the side bar by dragging its sash; best effort. */
  async resizeSidebar(width) {
    const box = await this.sidebar.boundingBox();
    if (!box) return;
    const edge = box.x + box.width;
    // the vertical sash closest to the side bar's right edge
    const sashes = await this.page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height };
    }));
    const sash = sashes.filter((s) => s.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    if (!sash || Math.abs(sash.x - edge) > 10) return;
    await this.page.mouse.move(sash.x, sash.y);
    await this.page.mouse.down();
    await this.page.mouse.move(sash.x + 5, sash.y, { steps: 2 });
    await this.page.mouse.move(box.x + width, sash.y, { steps: 10 });
    await this.page.mouse.up();
  }

  /** Expand a collapsed tree row (clicking a collapsed row expands it). */
  async expand(label) {
    const row = this.treeItem(label);
    await row.waitFor({ state: 'visible' });
    for (let i = 0; i < 3 && (await row.getAttribute('aria-expanded')) !== 'true'; i++) {
      await row.click();
      await sleep(300);
    }
    if ((await row.getAttribute('aria-expanded')) !== 'true') throw new Error(`tree item "${label}" did not expand`);
  }

  /** Make sure keyboard input goes to the workbench, not to a webview or an input. */
  async focusWorkbench() {
    await this.page.keyboard.press('Escape').catch(() => {});
  }

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** Run a command from the command palette by its title as shown there ("Category: Title"). */
  async runCommand(title) {
    const input = this.quickInput().locator('input');
    // a webview that finishes loading can take the focus and close the palette while it is being
    // filled: open it again, a few times, with the focus given back to the workbench first
    for (let attempt = 0; ; attempt++) {
      try {
        await this.focusWorkbench();
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await input.fill(`>${title}`, { timeout: 5000 });
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
        await this.page.keyboard.press('Escape').catch(() => {});
        await this.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => {});
        await sleep(300 * (attempt + 1));
      }
    }
    await this.pickQuickItem(title);
  }

  /** In an open quick pick, choose the first row containing `text`. */
  async pickQuickItem(text, { typeFirst = false, onPick, timeout } = {}) {
    const input = this.quickInput().locator('input');
    if (typeFirst) {
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(text, { timeout });
    }
    const row = this.quickInput().locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 15000 });
    const filled = await input.inputValue();
    onPick?.();
    await row.click();
    // done when the quick input closes or shows the next pick (a command may open its own quick pick)
    await waitFor(async () => !(await this.quickInput().isVisible()) || (await input.inputValue().catch(() => '')) !== filled,
      { timeout: 10000, interval: 50, message: 'the quick input to accept the pick' }).catch(() => {});
  }

  /** The visible editor webview's content frame (webview views in the side bar have `purpose=webviewView` in their src). */
  webview() {
    return this.page.frameLocator('iframe.webview:not([src*="purpose=webviewView"]):visible >> nth=0').frameLocator('#active-frame');
  }

  /** A side-bar webview view's content frame. */
  viewWebview() {
    return this.page.frameLocator('iframe.webview[src*="purpose=webviewView"]:visible >> nth=0').frameLocator('#active-frame');
  }

  /** The editor tab with this title. */
  tab(title) {
    return this.page.locator('.part.editor .tabs-container [role="tab"]', { hasText: title }).first();
  }

  /**
   * An extension's globalState as the browser workbench stores it: in the page's IndexedDB
   * (database vscode-web-state-db-global, store ItemTable, key = extension id), flushed
   * asynchronously after Memento.update resolves. Returns the parsed object or undefined.
   */
  async readGlobalState(extId = EXTENSION_ID) {
    const raw = await this.page.evaluate(async (key) => {
      const dbs = (await indexedDB.databases()).map((d) => d.name).filter(Boolean);
      dbs.sort((a, b) => (b === 'vscode-web-state-db-global') - (a === 'vscode-web-state-db-global'));
      for (const name of dbs) {
        const v = await new Promise((res) => {
          const r = indexedDB.open(name);
          r.onerror = () => res(undefined);
          r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains('ItemTable')) { db.close(); return res(undefined); }
            const g = db.transaction('ItemTable').objectStore('ItemTable').get(key);
            g.onsuccess = () => { db.close(); res(g.result === undefined ? undefined : String(g.result)); };
            g.onerror = () => { db.close(); res(undefined); };
          };
        });
        if (v !== undefined) return v;
      }
      return undefined;
    }, extId);
    if (raw === undefined) return undefined;
    try { return JSON.parse(raw); } catch { return raw; }
  }

  /** Every IndexedDB database of the page with ItemTable: { dbName: { key: value } } (debugging, workbench state). */
  async dumpIndexedDB({ keyFilter } = {}) {
    return this.page.evaluate(async (filter) => {
      const re = filter ? new RegExp(filter) : undefined;
      const out = {};
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue;
        out[name] = await new Promise((res) => {
          const r = indexedDB.open(name);
          r.onerror = () => res('open-error');
          r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains('ItemTable')) { db.close(); return res(`stores: ${[...db.objectStoreNames]}`); }
            const items = {};
            const c = db.transaction('ItemTable').objectStore('ItemTable').openCursor();
            c.onsuccess = () => {
              const cur = c.result;
              if (!cur) { db.close(); return res(items); }
              if (!re || re.test(String(cur.key))) items[cur.key] = String(cur.value);
              cur.continue();
            };
            c.onerror = () => { db.close(); res('cursor-error'); };
          };
        });
      }
      return out;
    }, keyFilter?.source ?? keyFilter);
  }

  /**
   * The editors of the workspace as last flushed to IndexedDB (what a reload restores):
   * [{ id, title, viewType, providedId, state }] from memento/workbench.parts.editor of the
   * workspace's state database. Webview panels are restored only if they are in there with the
   * state their webview set (vscode.setState), so wait for it before reloading.
   */
  async readStoredEditors() {
    const dump = await this.dumpIndexedDB({ keyFilter: '^memento/workbench\\.parts\\.editor$' });
    const editors = [];
    for (const [db, items] of Object.entries(dump)) {
      if (!db.startsWith('vscode-web-state-db-') || db.startsWith('vscode-web-state-db-global') || typeof items !== 'object') continue;
      const raw = items['memento/workbench.parts.editor'];
      if (!raw) continue;
      const walk = (node) => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node.data)) node.data.forEach(walk);
        else if (node.data && Array.isArray(node.data.editors)) {
          for (const e of node.data.editors) {
            let value = {};
            try { value = JSON.parse(e.value); } catch { /* not JSON */ }
            editors.push({ id: e.id, title: value.title, viewType: value.viewType, providedId: value.providedId, state: value.state });
          }
        }
      };
      try { walk(JSON.parse(raw)['editorpart.state']?.serializedGrid?.root); } catch { /* unknown shape */ }
    }
    return editors;
  }

  /** Poll readGlobalState until `predicate(state)` holds. */
  async waitGlobalState(predicate, { extId = EXTENSION_ID, timeout = 30000 } = {}) {
    const end = Date.now() + timeout;
    let state;
    for (;;) {
      state = await this.readGlobalState(extId);
      if (state !== undefined && predicate(state)) return state;
      if (Date.now() > end) throw new Error(`globalState of ${extId} in IndexedDB did not reach the expected value in ${timeout} ms; last: ${JSON.stringify(state)?.slice(0, 500)}`);
      await sleep(250);
    }
  }

  /** Screenshot into test/e2e/artifacts/<name>.png, or to an explicit path. */
  async screenshot(name, file) {
    const out = file ?? path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await this.page.screenshot({ path: out });
    return out;
  }

  /** Keep code-server's and the browser's logs under artifacts/<label>-logs for a post-mortem. */
  saveLogs() {
    const to = path.join(ARTIFACTS, `${this.o.label}-logs`);
    try {
      fs.rmSync(to, { recursive: true, force: true });
      fs.mkdirSync(to, { recursive: true });
      if (fs.existsSync(this.serverLog)) fs.copyFileSync(this.serverLog, path.join(to, 'code-server.log'));
      fs.writeFileSync(path.join(to, 'browser.log'), this.browserLog.join('\n') + '\n');
      const logs = path.join(this.userDataDir, 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(to, 'vscode'), { recursive: true });
    } catch (e) {
      log(`could not save logs: ${e.message}`);
    }
    return to;
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await Promise.race([this.context?.close(), grace(10000)]);
    } catch { /* already closed */ }
    if (this.cs?.pid && this.cs.exitCode === null && this.cs.signalCode === null) {
      killGroupSync(this.cs.pid, 'SIGTERM');
      const done = await Promise.race([this.csExited.then(() => true), grace(5000).then(() => false)]);
      if (!done) killGroupSync(this.cs.pid, 'SIGKILL');
    }
    if (this.cs?.pid) killGroupSync(this.cs.pid, 'SIGKILL'); // stragglers in the group (extension host, watchers)
    this.saveLogs();
    if (!process.env.E2E_KEEP) fs.rmSync(this.tmp, { recursive: true, force: true });
    else log(`kept ${this.tmp}`);
    live.delete(this);
  }
}

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Poll `fn` until it returns a truthy value (or stops throwing); returns that value. */
export async function waitFor(fn, { timeout = 30000, interval = 250, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// a tiny sequential test runner

/**
 * Run scenarios in order. Each is `{ name, fn, skip? }`; fn gets `ctx` (whatever setup returned).
 * Prints `ok - name` / `not ok - name` (with the error, and a screenshot on failure), then
 * `<label>: N passed, N failed` and sets the exit code. `teardown` always runs.
 */
export async function runScenarios(label, scenarios, { setup, teardown, screenshotOnFailure } = {}) {
  const timeoutS = Number(process.env.E2E_TIMEOUT || 180);
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
  let passed = 0;
  let failed = 0;
  let ctx;
  const started = Date.now();
  // screenshots of an earlier run would be mistaken for this one's
  if (fs.existsSync(ARTIFACTS)) for (const f of fs.readdirSync(ARTIFACTS)) if (f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
  try {
    try {
      ctx = await setup?.();
    } catch (e) {
      failed++;
      console.log(`not ok - setup`);
      console.log(indent(e));
      return;
    }
    for (const s of scenarios) {
      if (s.skip || (only && !only.test(s.name))) {
        console.log(`ok - ${s.name} # SKIP${typeof s.skip === 'string' ? ` ${s.skip}` : ''}`);
        continue;
      }
      const t = Date.now();
      let timer;
      try {
        await Promise.race([
          s.fn(ctx),
          new Promise((_, reject) => { const limit = s.timeoutS ?? timeoutS; timer = setTimeout(() => reject(new Error(`scenario timed out after ${limit} s`)), limit * 1000); }),
        ]);
        passed++;
        console.log(`ok - ${s.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        console.log(`not ok - ${s.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        console.log(indent(e));
        if (screenshotOnFailure) {
          const shot = await screenshotOnFailure(ctx, s.name).catch(() => undefined);
          if (shot) console.log(`  # screenshot: ${path.relative(process.cwd(), shot)}`);
        }
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    try {
      await teardown?.(ctx);
    } catch (e) {
      log(`teardown failed: ${e.message}`);
    }
    console.log(`# total ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`${label}: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  }
}

function indent(e) {
  const text = e instanceof Error ? (e.stack || e.message) : String(e);
  return text.split('\n').slice(0, 25).map((l) => `  # ${l}`).join('\n');
}


/**
 * Run `fn(theme)` in each colour theme, then switch back to Dark Modern whatever happens. Each theme
 * starts with every editor closed (`close`, default View: Close All Editors): a webview holding the
 * focus would close the theme picker, and each view should open fresh in the theme.
 */
export async function withThemes(vs, themes, fn, { close = (v) => v.runCommand('View: Close All Editors') } = {}) {
  try {
    for (const theme of themes) {
      await close(vs);
      await vs.runCommand('Preferences: Color Theme');
      await vs.pickQuickItem(theme, { typeFirst: true });
      await vs.page.locator('.monaco-workbench').waitFor();
      await sleep(1500); // webviews receive the new theme variables
      await fn(theme);
    }
  } finally {
    await vs.runCommand('Preferences: Color Theme');
    await vs.pickQuickItem('Dark Modern', { typeFirst: true });
  }
}

/**
 * Text whose colour does not reach WCAG AA contrast against what is behind it, in a frame: every
 * element with its own visible text; colours with alpha are composited over the ancestors'
 * backgrounds (down to the page's). AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
 * Returns [{ text, ratio, need, color, background, selector }].
 */
export async function contrastFailures(frame) {
  return frame.locator('body').evaluate(() => {
    const parse = (c) => {
      // color-mix() computes to color(srgb r g b / a) with channels in 0..1
      const srgb = /color\(srgb ([^)]+)\)/.exec(c);
      if (srgb) {
        const p = srgb[1].split(/[ /]+/).filter(Boolean).map(Number);
        return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
      }
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, bottom) => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
    };
    const lum = (c) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const bg = parse(cs.backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let out = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (out[3] < 1) out = over(out, [255, 255, 255, 1]);
      for (let i = layers.length - 1; i >= 0; i--) out = over(layers[i], out);
      return out;
    };
    const fails = [];
    const seen = new Set();
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg, .katex-mathml, script, style, [hidden], [aria-hidden="true"]')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      if (el.matches(':disabled') || el.closest(':disabled')) continue; // WCAG exempts inactive controls
      const bg = background(el);
      let fg = parse(cs.color);
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      fg = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(cs.fontSize);
      const bold = Number(cs.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio + 1e-3 < need) {
        const key = `${el.tagName}.${el.className}|${cs.color}|${ratio.toFixed(2)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        fails.push({ text: el.textContent.trim().slice(0, 40), ratio: Number(ratio.toFixed(2)), need, color: cs.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`, selector: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}` });
      }
    }
    return fails;
  });
}
