#!/usr/bin/env bash
# Installs every Debian package alpha-engine needs to build, test and run.
# Idempotent: checks each package with dpkg-query and installs only the missing
# ones (running `apt-get update` once first). Quiet when nothing is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache git pkg-config clang-format
  # core libraries
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libsqlite3-dev sqlite3
  libyaml-cpp-dev libhowardhinnant-date-dev tzdata libvalijson-dev
  # the FIX engine (the FIX broker and `ae exchange`)
  libquickfix-dev
  # market data, predictor (xgboost: its CMake package names /usr/bin/xgboost), operations
  libtbb-dev libxgboost-dev xgboost libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3
  # the completion test checks the zsh script with zsh itself
  zsh
  # the notification tests' SMTP server (aiosmtpd, run on loopback) and test CA (openssl CLI)
  python3-aiosmtpd openssl
  # the dashboard's browser tests drive Debian's chromium (headless) via playwright-core
  chromium
  nodejs
  # the main job's script reads JSON with jq
  jq
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
command -v npm >/dev/null || missing+=(npm)

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
