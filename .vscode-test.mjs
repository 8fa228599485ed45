// Standard extension-host tests with @vscode/test-cli + @vscode/test-electron (`npm run test:vscode`),
// for machines that CAN download a VS Code build (it goes to .vscode-test/). This project's machines
// and CI cannot download VS Code, and run the very same suite inside code-server instead
// (`node test/integration/run.mjs`, see test/e2e/harness.mjs), which is what `npm test` does.
// test/integration/suite.cjs registers its tests with mocha's describe/it when loaded by mocha
// (here) and exports run() for the code-server runner.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'test/integration/suite.cjs',
  version: 'stable',
  // used in place (the tests do not write to it); its .vscode/settings.json adds the content root `lessons`
  workspaceFolder: 'test/fixtures/workspace',
  extensionDevelopmentPath: '.',
  launchArgs: ['--disable-workspace-trust', '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'bdd', timeout: 60000 },
});
