#!/usr/bin/env bash
# Installs what the integration and end-to-end tests need to run a REAL VS Code on a machine that
# cannot download VS Code builds: code-server (VS Code's workbench + Node extension host, from the
# npm registry), Node 24 (code-server 4.139 needs it; also from the npm registry), playwright-core
# (drives Debian's Chromium; no browser download) and the Debian packages chromium + libkrb5-dev.
#
# Idempotent. The npm packages go into a cache OUTSIDE the clone, keyed by their versions:
#   ${MLLAB_E2E_CACHE:-$HOME/.cache/mllab-e2e}/<key>
# so a clean clone (CI) reuses an earlier install. The last line printed on stdout is that
# directory (everything else goes to stderr):
#   E2E_DIR=$(bash scripts/e2e-setup.sh | tail -n 1)
# test/e2e/harness.mjs finds the same directory on its own when E2E_DIR is not set.
set -euo pipefail

NODE_VERSION=24.21.0          # npm package "node" (downloads the official Node binary from npm)
CODE_SERVER_VERSION=4.139.1   # = VS Code 1.139.1
PLAYWRIGHT_VERSION=1.65.1     # playwright-core; keep in sync with test/e2e/harness.mjs
APT_PACKAGES=(chromium libkrb5-dev)   # libkrb5-dev: code-server's kerberos module builds from source

KEY="node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}_playwright-core-${PLAYWRIGHT_VERSION}"
CACHE_ROOT=${MLLAB_E2E_CACHE:-$HOME/.cache/mllab-e2e}
DIR="$CACHE_ROOT/$KEY"
STAMP="$DIR/.complete"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

# ---- Debian packages -------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to apt-get install ${missing[*]}"; exit 1; }
    SUDO=sudo
  fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}" >&2
else
  log "apt packages present: ${APT_PACKAGES[*]}"
fi
[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium missing after install"; exit 1; }

# ---- npm packages in the cache ---------------------------------------------------------------
mkdir -p "$DIR"
exec 9>"$CACHE_ROOT/.lock-$KEY"
flock 9   # two jobs sharing a cache install one after the other

if [ -f "$STAMP" ]; then
  log "cached: $DIR"
  echo "$DIR"
  exit 0
fi

cd "$DIR"
# No stamp: an earlier install did not finish. npm leaves a failed install half rolled back (bin links
# to removed packages), which breaks the next one, so start this cache entry from scratch.
rm -rf node_modules package.json package-lock.json
printf '{ "name": "mllab-e2e-cache", "private": true }\n' > package.json
export XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data" XDG_CACHE_HOME="$DIR/xdg/cache"
# Run from `npm test`, the environment carries the outer npm's settings; npm reads npm_config_* as its
# own config, so the inner installs would report the outer Node (v20) in their user agent, and
# code-server's postinstall, which takes the Node version from npm_config_user_agent, would refuse.
unset npm_config_user_agent npm_node_execpath npm_execpath NODE
NPM=(npm install --no-audit --no-fund --no-update-notifier --save-exact)

T0=$SECONDS
log "installing node@$NODE_VERSION"
"${NPM[@]}" "node@$NODE_VERSION" >&2
export PATH="$DIR/node_modules/.bin:$PATH"
[ "$(node --version)" = "v$NODE_VERSION" ] || { log "node on PATH is $(node --version), expected v$NODE_VERSION"; exit 1; }

# code-server builds a few native modules (kerberos, spdlog, sqlite3, ...) with node-gyp. They are
# N-API modules, so headers of any Node >= 18 do; node-gyp must not try to download headers from
# nodejs.org (unreachable on these machines). The npm "node" package ships only the binary, so use,
# in order: Node 24's own headers if present, the npm config's nodedir (these machines have
# `nodedir=/usr` in ~/.npmrc: Debian's Node 20 headers), /usr if Debian's nodejs headers are there.
NODE_HOME=$(cd "$(dirname "$(readlink -f "$DIR/node_modules/.bin/node")")/.." && pwd)
CFG_NODEDIR=$(npm config get nodedir 2>/dev/null || true)
for d in "$NODE_HOME" "${npm_config_nodedir:-}" "$CFG_NODEDIR" /usr; do
  if [ -n "$d" ] && [ "$d" != undefined ] && [ -f "$d/include/node/node_api.h" ]; then
    export npm_config_nodedir="$d"
    break
  fi
done
log "node $(node --version) at $NODE_HOME; node-gyp headers: ${npm_config_nodedir:-<download>}"

log "installing code-server@$CODE_SERVER_VERSION (takes ~2 min, ~620 MB)"
"${NPM[@]}" "code-server@$CODE_SERVER_VERSION" >&2
log "installing playwright-core@$PLAYWRIGHT_VERSION"
"${NPM[@]}" "playwright-core@$PLAYWRIGHT_VERSION" >&2

# Smoke check: code-server starts with this Node, and its native modules load in it.
node_modules/.bin/code-server --version >&2
(cd node_modules/code-server/lib/vscode/node_modules && for m in kerberos/build/Release/kerberos.node \
    @vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node; do
  [ -f "$m" ] || continue
  node -e 'require(process.argv[1])' "./$m" || { log "native module $m does not load in Node $NODE_VERSION"; exit 1; }
done)
date -u +%FT%TZ > "$STAMP"
log "installed in $((SECONDS - T0)) s: $DIR"
echo "$DIR"
