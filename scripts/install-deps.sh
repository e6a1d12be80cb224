#!/usr/bin/env bash
# Installs the Debian packages alpha-engine needs. Idempotent: checks each
# package with dpkg-query and installs only the missing ones (running
# `apt-get update` once first). Quiet when nothing is missing.
#   scripts/install-deps.sh        everything: build, run, test, bench, fuzz (`make test`)
#   scripts/install-deps.sh run    only what building `ae` and the main job need (`make run`)
set -euo pipefail

case "${1:-all}" in
  run | all) scope="${1:-all}" ;;
  *) echo "usage: scripts/install-deps.sh [run|all]" >&2; exit 2 ;;
esac

# What `make run` needs: the build (CMake's configure step finds GoogleTest
# and Python 3 for the tests' targets even when only `ae` is built) and the
# main job's script.
packages=(
  # toolchain
  build-essential cmake ninja-build ccache git pkg-config clang-format
  # core libraries
  nlohmann-json3-dev libsimdjson-dev libspdlog-dev libfmt-dev libcli11-dev libsqlite3-dev sqlite3
  libyaml-cpp-dev libhowardhinnant-date-dev tzdata libvalijson-dev
  # the FIX engine (the FIX broker and `ae exchange`)
  libquickfix-dev
  # market data, predictor (xgboost: its CMake package names /usr/bin/xgboost), operations
  libtbb-dev libxgboost-dev xgboost libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
  # found by the configure step
  libgtest-dev libgmock-dev python3
  # the main job's script reads JSON with jq
  jq
)
# What the tests, benchmarks and fuzzing add (`make test`, `make bench`, `make fuzz`).
[ "$scope" = all ] && packages+=(
  libbenchmark-dev
  # the completion test checks the zsh script with zsh itself
  zsh
  # the notification tests' SMTP server (aiosmtpd, run on loopback) and test CA (openssl CLI)
  python3-aiosmtpd openssl
  # the dashboard's browser tests drive Debian's chromium (headless) via playwright-core
  chromium
  nodejs
  # the Step Functions API's tests and benchmark drive `ae sfn serve` with the real clients
  awscli python3-boto3
  # `make fuzz`: clang with libFuzzer and the sanitizers' runtimes
  clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done

# npm (the states tests' peers come from the npm registry): Debian's package,
# unless a node distribution that bundles npm is already installed.
[ "$scope" = all ] && ! command -v npm >/dev/null && missing+=(npm)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install packages" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
