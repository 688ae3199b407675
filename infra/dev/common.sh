# Shared by run.sh and test.sh: tool checks and installs from Debian's packages.
# shellcheck shell=bash

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_ready=0
apt_install() {
  if [ "${apt_ready}" -eq 0 ]; then as_root apt-get update -qq >&2; apt_ready=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2; exit 1; }
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

require_node() {
  command -v npm >/dev/null 2>&1 || { echo "Node.js 20+ with npm is required; 'npm' is not on PATH." >&2; exit 1; }
}

# Installs the web UI's packages when package-lock.json changed since the last install.
ensure_web_packages() {
  local web="$1"
  if [ ! -d "${web}/node_modules" ] || [ "${web}/package-lock.json" -nt "${web}/node_modules/.package-lock.json" ]; then
    (cd "${web}" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core fonts-liberation
}
