#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it: types, unit tests, content checks,
# the packaged .vsix, then extension-host integration tests and end-to-end tests in a real VS Code
# (code-server) driven in Debian's Chromium. Expects `npm ci` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"
npm run --silent typecheck

step "unit tests (vitest)"
npx vitest run

step "build"
npm run --silent build

step "content check (bundled content)"
node dist/cli/checkContent.js

step "code references resolve (check:refs against a fixture repository)"
bash scripts/check-refs-fixture.sh

step "package (.vsix)"
npm run --silent package 2>&1 | tail -n 1
npm run --silent build   # back to the development build (sourcemaps) for the tests below

step "real VS Code: install code-server, Chromium and playwright-core (cached)"
E2E_DIR=$(bash scripts/e2e-setup.sh | tail -n 1)
export E2E_DIR

step "integration tests in the extension host"
node test/integration/run.mjs

step "end-to-end tests"
node test/e2e/run.mjs
