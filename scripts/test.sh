#!/usr/bin/env bash
# The one test command: installs what the tests need if it is missing, then checks formatting,
# lints, and runs every test of the workspace (unit, integration, browser).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
# The real-client test (tests/real_client.rs) makes a virtualenv with xrpl-py.
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3 python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing ${need_apt[*]} (browser and real-client tests)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# axe-core (accessibility scan of the dashboard in the browser tests), pinned, cached in target/.
AXE_VERSION=4.10.3
if [ ! -f target/axe/node_modules/axe-core/axe.min.js ] || \
   ! grep -q "\"version\": \"$AXE_VERSION\"" target/axe/node_modules/axe-core/package.json 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    echo "==> installing axe-core $AXE_VERSION (browser accessibility scan)"
    mkdir -p target/axe
    npm install --prefix target/axe --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION" \
      || echo "warning: axe-core could not be installed; the accessibility scan will be skipped"
  else
    echo "warning: npm not found; the accessibility scan of the browser tests will be skipped"
  fi
fi

# The dashboard's JavaScript, type-checked against its JSDoc types (pinned TypeScript, cached in
# target/; nothing is compiled: the browser runs the files as they are).
TSC_VERSION=5.6.3
if command -v npm >/dev/null 2>&1; then
  if [ ! -x target/tsc/node_modules/.bin/tsc ] || \
     ! grep -q "\"version\": \"$TSC_VERSION\"" target/tsc/node_modules/typescript/package.json 2>/dev/null; then
    echo "==> installing typescript $TSC_VERSION (dashboard type check)"
    mkdir -p target/tsc
    npm install --prefix target/tsc --no-save --no-audit --no-fund --silent "typescript@$TSC_VERSION"
  fi
  echo "==> tsc: dashboard JavaScript"
  target/tsc/node_modules/.bin/tsc -p web/tsconfig.json
else
  echo "warning: npm not found; the dashboard's JavaScript type check is skipped"
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> cargo test"
cargo test --workspace --locked
