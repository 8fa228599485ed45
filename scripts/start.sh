#!/usr/bin/env bash
# Build and package the extension, then run it with its bundled content:
# - in your VS Code when the `code` command exists (as a development extension);
# - otherwise in a local code-server (a real VS Code served to the browser, from the npm registry),
#   with the packaged .vsix installed, at http://127.0.0.1:${PORT:-8080}/ .
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent package

if command -v code >/dev/null 2>&1 && [ -z "${MLLAB_USE_CODE_SERVER:-}" ]; then
  exec code --extensionDevelopmentPath="$PWD"
fi

E2E_DIR=$(bash scripts/e2e-setup.sh | tail -n 1)
export PATH="$E2E_DIR/node_modules/.bin:$PATH"
export XDG_CONFIG_HOME="$E2E_DIR/xdg/config" XDG_DATA_HOME="$E2E_DIR/xdg/data"
home=${MLLAB_CODE_SERVER_HOME:-$HOME/.local/share/mllab-code-server}
mkdir -p "$home/user/User" "$home/extensions" "$home/workspace"
[ -f "$home/user/User/settings.json" ] || echo '{ "workbench.startupEditor": "none" }' > "$home/user/User/settings.json"
code-server --extensions-dir "$home/extensions" --user-data-dir "$home/user" --install-extension dist/ml-learning-lab.vsix --force
port=${PORT:-8080}
echo "ML Learning Lab is running at http://127.0.0.1:$port/ (Ctrl+C to stop)"
exec code-server --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --user-data-dir "$home/user" --extensions-dir "$home/extensions" "$home/workspace"
