// Integration tests inside the real extension host, against the real `vscode` API (no mocks).
// The workspace is a copy of test/fixtures/workspace (content root `lessons/` with a fixture track
// and a broken file).
//
// Two ways in:
//  - `run()` (exported): called by VS Code for `extensionTestsPath`; test/integration/run.mjs passes
//    that through code-server's `payload` URL parameter. A tiny sequential runner; each result goes
//    to stdout of the extension host and, when MLLAB_IT_RESULTS is set, as a line to that file
//    (the outer runner prints it). Throws if any test failed, which makes the workbench exit with 1.
//  - mocha (@vscode/test-cli, see .vscode-test.mjs): when mocha's BDD globals exist, every test is
//    registered with `it()` instead.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');

const EXT_ID = 'mllab.ml-learning-lab';
const VIEW_TYPE = 'mlLab.lesson';
const MATH = { id: 'fixture-math', title: 'Fixture: Math and Diagram' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function poll(fn, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(100);
  }
}

function lessonTabs() {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(VIEW_TYPE));
}

function webviewTabs(viewType) {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('extension mllab.ml-learning-lab is present and activates', async () => {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} not found; installed: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  await ext.activate();
  assert.equal(ext.isActive, true);
});

test('activation timings are reported (tree ready, fully activated)', async () => {
  const { timings } = vscode.extensions.getExtension(EXT_ID).exports;
  assert.equal(typeof timings.treeReadyMs, 'number');
  assert.equal(typeof timings.activatedMs, 'number');
  console.log(`[timing] tree ready after ${timings.treeReadyMs.toFixed(1)} ms, activated after ${timings.activatedMs.toFixed(1)} ms`);
  if (process.env.MLLAB_IT_RESULTS) fs.appendFileSync(process.env.MLLAB_IT_RESULTS, `# activation: tree ready ${timings.treeReadyMs.toFixed(1)} ms, activate() ${timings.activatedMs.toFixed(1)} ms\n`);
});

test('commands are registered', async () => {
  const all = new Set(await vscode.commands.getCommands(true));
  for (const id of ['mlLab.openLesson', 'mlLab.markRead', 'mlLab.markUnread', 'mlLab.reloadContent', 'mlLab.checkContent',
    'mlLab.reviewDue', 'mlLab.learnNew', 'mlLab.exportHistory', 'mlLab.importHistory', 'mlLab.resetProgress',
    'mlLab.dailyPractice', 'mlLab.showRoadmap', 'mlLab.lessonsForFile', 'mlLab.keepLessonOpen']) {
    assert.ok(all.has(id), `command ${id} is not registered`);
  }
});

test('the workspace content root is configured (fixture settings)', async () => {
  const roots = vscode.workspace.getConfiguration('MLLearningLab').get('contentRoots');
  assert.deepEqual(roots, ['lessons']);
  assert.equal(vscode.workspace.isTrusted, true, 'the workspace must be trusted for workspace content roots');
});

test('settings under their old names (mlLearningLab.*) move to MLLearningLab.*, scope by scope, and a value under the new name wins', async () => {
  const legacy = () => vscode.workspace.getConfiguration('mlLearningLab');
  const current = () => vscode.workspace.getConfiguration('MLLearningLab');
  const G = vscode.ConfigurationTarget.Global;
  const W = vscode.ConfigurationTarget.Workspace;
  const roots = current().inspect('contentRoots').workspaceValue;
  try {
    // the fixture's workspace root as a release before the rename wrote it, plus two user settings
    await current().update('contentRoots', undefined, W);
    await legacy().update('contentRoots', roots, W);
    await legacy().update('newCardsPerDay', 7, G);
    await current().update('fuzz', false, G);
    await legacy().update('fuzz', true, G);
    const moved = await vscode.extensions.getExtension(EXT_ID).exports.migrateSettings();
    assert.deepEqual(moved.sort(), [
      'mlLearningLab.contentRoots → MLLearningLab.contentRoots (workspace settings)',
      'mlLearningLab.newCardsPerDay → MLLearningLab.newCardsPerDay (user settings)',
    ]);
    assert.deepEqual(current().inspect('contentRoots').workspaceValue, roots);
    assert.equal(current().inspect('newCardsPerDay').globalValue, 7);
    assert.equal(legacy().inspect('contentRoots').workspaceValue, undefined, 'the old workspace value is removed');
    assert.equal(legacy().inspect('newCardsPerDay').globalValue, undefined, 'the old user value is removed');
    assert.equal(current().inspect('fuzz').globalValue, false, 'the value under the new name wins');
    assert.equal(legacy().inspect('fuzz').globalValue, true, 'and the old one is left, not lost');
    assert.deepEqual(await vscode.extensions.getExtension(EXT_ID).exports.migrateSettings(), [], 'nothing moves twice');
    // the fixture's lessons are still indexed (the root was read from wherever it was)
    await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
    await poll(() => lessonTabs().some((t) => t.label === MATH.title), 'the fixture lesson open after the move');
  } finally {
    await current().update('contentRoots', roots, W);
    await legacy().update('contentRoots', undefined, W);
    for (const key of ['newCardsPerDay', 'fuzz']) {
      await current().update(key, undefined, G);
      await legacy().update(key, undefined, G);
    }
  }
});

test('mlLab.openLesson <id> opens a lesson webview tab', async () => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
  const tab = await poll(() => lessonTabs()[0], `a tab with a TabInputWebview whose viewType contains ${VIEW_TYPE}`);
  assert.equal(tab.label, MATH.title, 'tab title = lesson title');
  assert.equal(tab.isActive, true, 'the lesson tab is active');
  // opening it again reveals the same panel instead of a second one
  await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
  await sleep(300);
  assert.equal(lessonTabs().length, 1, 'one panel per lesson');
});

test('the lesson opened last is a preview: the next replaces it, until kept or with previews off', async () => {
  const PLAIN = { id: 'fixture-plain', title: 'Fixture: Plain Lesson' };
  const labels = () => lessonTabs().map((t) => t.label).sort();
  const editor = vscode.workspace.getConfiguration('workbench.editor');
  try {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
    await poll(() => labels().length === 1, 'the first lesson open');
    await vscode.commands.executeCommand('mlLab.openLesson', PLAIN.id);
    await poll(() => labels().includes(PLAIN.title), 'the second lesson in the same panel');
    assert.deepEqual(labels(), [PLAIN.title], 'the preview panel now shows the second lesson');
    // opening the first again: it is no longer open anywhere, so the preview shows it
    await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
    await poll(() => labels().includes(MATH.title), 'the first lesson back in the preview');
    assert.equal(labels().length, 1);
    // kept: the next lesson gets a panel of its own, which is the new preview
    await vscode.commands.executeCommand('mlLab.keepLessonOpen');
    await vscode.commands.executeCommand('mlLab.openLesson', PLAIN.id);
    await poll(() => labels().length === 2, 'a second panel after Keep Lesson Open');
    assert.deepEqual(labels(), [MATH.title, PLAIN.title].sort());
    // with VS Code's previews off, every lesson gets its own panel
    await editor.update('enablePreview', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mlLab.openLesson', MATH.id);
    await vscode.commands.executeCommand('mlLab.openLesson', PLAIN.id);
    await poll(() => labels().length === 2, 'two panels with previews off');
  } finally {
    await editor.update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('mlLab.openLesson with an unknown id opens nothing', async () => {
  const before = lessonTabs().length;
  await vscode.commands.executeCommand('mlLab.openLesson', 'no-such-lesson-xyz');
  await sleep(300);
  assert.equal(lessonTabs().length, before);
});

test('mlLab.markRead / markUnread with a lesson id and mlLab.reloadContent run without error', async () => {
  await vscode.commands.executeCommand('mlLab.markRead', MATH.id);
  await vscode.commands.executeCommand('mlLab.markUnread', MATH.id);
  await vscode.commands.executeCommand('mlLab.reloadContent');
});

test('diagnostics include one for broken.md (bad frontmatter YAML)', async () => {
  const found = await poll(() => vscode.languages.getDiagnostics().find(([uri, list]) => uri.path.endsWith('/lessons/broken.md') && list.length > 0),
    'a diagnostic for lessons/broken.md');
  const [uri, list] = found;
  assert.ok(list.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `an error on ${uri.fsPath}: ${JSON.stringify(list.map((d) => d.message))}`);
  // and no diagnostics for the valid fixture files
  const noisy = vscode.languages.getDiagnostics()
    .filter(([u, l]) => /\/lessons\/(fixture-[a-z]+\.md|fixture\.deck\.md|roadmap\.yaml)$/.test(u.path) && l.length > 0)
    .map(([u, l]) => `${u.path}: ${l.map((d) => d.message).join('; ')}`);
  assert.deepEqual(noisy, [], 'the valid fixture files have no problems');
});

test('a new lesson file is indexed by the watcher, and a broken edit becomes a diagnostic', async () => {
  const dir = vscode.workspace.workspaceFolders[0].uri.fsPath + '/lessons';
  const file = `${dir}/fixture-new.md`;
  fs.writeFileSync(file, '---\nid: fixture-new\ntitle: "Fixture: New"\ntrack: fixture-track\nstage: fixture-stage\nsummary: Added while running.\nstatus: published\nminutes: 1\n---\nNew words.\n');
  try {
    await poll(async () => (await vscode.commands.executeCommand('mlLab.openLesson', 'fixture-new')) === true, 'the new lesson to open');
    fs.writeFileSync(file, '---\nid: fixture-new\ntitle: "Fixture: New"\ntrack: fixture-track\nstage: fixture-stage\nsummary: Added while running.\nstatus: published\nminutes: 1\ncolour: red\n---\nNew words.\n');
    const [, list] = await poll(() => vscode.languages.getDiagnostics().find(([u, l]) => u.path.endsWith('/lessons/fixture-new.md') && l.some((d) => String(d.message).includes('colour'))), 'a diagnostic for the unknown field');
    assert.equal(list.find((d) => String(d.message).includes('colour')).range.start.line, 8, 'the unknown field is reported at its line (9)');
  } finally {
    fs.rmSync(file, { force: true });
  }
  await poll(() => !vscode.languages.getDiagnostics().some(([u, l]) => u.path.endsWith('/lessons/fixture-new.md') && l.length), 'the deleted file to leave no diagnostics');
});

test('Review Due Cards, Daily Practice and Show Roadmap open their panels', async () => {
  await vscode.commands.executeCommand('mlLab.openLesson', MATH.id); // starts the lesson: its cards can be learned
  await vscode.commands.executeCommand('mlLab.reviewDue');
  await poll(() => webviewTabs('mlLab.review').length === 1, 'a review tab');
  await vscode.commands.executeCommand('mlLab.dailyPractice');
  await poll(() => webviewTabs('mlLab.dashboard').length === 1, 'a dashboard tab');
  await vscode.commands.executeCommand('mlLab.showRoadmap');
  await poll(() => webviewTabs('mlLab.map').length === 1, 'a roadmap tab');
  await vscode.commands.executeCommand('mlLab.reviewDue'); // a second call reuses the one review panel
  await sleep(300);
  assert.equal(webviewTabs('mlLab.review').length, 1, 'one review panel');
});

// ---- runners -------------------------------------------------------------------------------------

function report(line) {
  console.log(`[mllab-it] ${line}`);
  const file = process.env.MLLAB_IT_RESULTS;
  if (file) fs.appendFileSync(file, line + '\n');
}

test('New Content Root scaffolds a track, lesson and deck that load without problems and opens the lesson', async () => {
  const folder = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'mllab-root-'));
  const cfg = () => vscode.workspace.getConfiguration('MLLearningLab');
  const before = cfg().inspect('contentRoots');
  try {
    const made = await vscode.commands.executeCommand('mlLab.newContentRoot', { title: 'Integration Track', folder });
    assert.ok(made, 'the command returns what it made');
    assert.deepEqual(made.files.map((f) => f.split('/').pop()).sort(), ['integration-track-first-lesson.deck.md', 'integration-track-first-lesson.md', 'roadmap.yaml']);
    assert.ok(cfg().get('contentRoots').includes(folder), 'the folder is added to MLLearningLab.contentRoots');
    await poll(() => webviewTabs(VIEW_TYPE).some((t) => t.label === 'My First Lesson'), 'the new lesson open in the reader');
    for (const f of made.files) {
      const problems = vscode.languages.getDiagnostics(vscode.Uri.file(require('node:path').join(folder, f)));
      assert.deepEqual(problems.map((d) => d.message), [], `no problems in ${f}`);
    }
  } finally {
    await cfg().update('contentRoots', before.workspaceValue, vscode.ConfigurationTarget.Workspace);
    await cfg().update('contentRoots', before.globalValue, vscode.ConfigurationTarget.Global);
  }
});

async function run() {
  report(`# vscode ${vscode.version} (${vscode.env.appName}), ${tests.length} tests`);
  let failed = 0;
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      report(`ok - ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      report(`not ok - ${t.name} (${Date.now() - t0} ms)`);
      report(String((e && e.stack) || e).split('\n').slice(0, 12).map((l) => `  # ${l}`).join('\n'));
    }
  }
  report(`# done: ${tests.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration test(s) failed`);
}

if (typeof globalThis.describe === 'function' && typeof globalThis.it === 'function') {
  globalThis.describe('ML Learning Lab (extension host)', function () {
    this.timeout(60000);
    for (const t of tests) globalThis.it(t.name, t.fn);
  });
}

module.exports = { run, tests };
