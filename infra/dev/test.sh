#!/usr/bin/env bash
# The whole suite: web unit tests (Vitest), .NET unit tests, integration tests on a real
# PostgreSQL + pgvector, and browser tests in headless Chromium. Installs what is missing.
# The last line is always "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "${root}/infra/dev/common.sh"
cd "${root}"

results="${root}/artifacts/test-results"
rm -rf "${results}"
mkdir -p "${results}"
passed=0
failed=0

finish() {
  echo "${passed} passed, ${failed} failed"
  [ "${failed}" -eq 0 ] && [ "${passed}" -gt 0 ]
  exit $?
}

# A step that is not a test (install, build) but stops the suite counts as one failure.
abort() {
  echo "[test] $1" >&2
  failed=$((failed + 1))
  finish
}

require_dotnet
require_node
infra/dev/db.sh up || abort "the database did not start"
ensure_chromium || abort "Chromium could not be installed"
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose || abort "docker-compose could not be installed"
# The scale-out tests start their own Redis (a free port, a temp dir): only the binary is needed.
command -v redis-server >/dev/null 2>&1 || apt_install redis-server || abort "redis-server could not be installed"
{ command -v promtool >/dev/null 2>&1 && [ -x /usr/bin/prometheus ]; } || apt_install prometheus || abort "prometheus could not be installed"

# Alert and recording rules: syntax, then the unit tests with synthetic series for every alert (each counts).
echo "[test] prometheus: promtool check rules, promtool test rules" >&2
if promtool check rules infra/prometheus/rules/*.yml >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
for rules_test in infra/prometheus/tests/*.test.yml; do
  if promtool test rules "${rules_test}" >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "[test] web: install, unit tests, build" >&2
ensure_web_packages "${root}/web" || abort "npm ci failed"
(cd web && npx --no-install vitest run --reporter=default --reporter=json --outputFile="${results}/vitest.json")
if [ -f "${results}/vitest.json" ]; then
  read -r web_passed web_failed < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))' "${results}/vitest.json")
  passed=$((passed + web_passed))
  failed=$((failed + web_failed))
else
  failed=$((failed + 1))
fi
(cd web && npm run --silent build >/dev/null) || abort "the web UI did not build"

echo "[test] loadtests: install, type-check the k6 scripts" >&2
ensure_web_packages "${root}/loadtests" || abort "npm ci in loadtests failed"
# The Node-shim runs of every script are .NET tests (LoadTests/K6ScriptTests); this is the type check.
if (cd loadtests && npx --no-install tsc -p .); then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "[test] dotnet: build" >&2
dotnet build KnowledgeBase.sln -c Release -nologo -v quiet -clp:ErrorsOnly || abort "the solution did not build"

export KB_TEST_ARTIFACTS="${results}"
for project in tests/*/*.csproj; do
  name="$(basename "${project}" .csproj)"
  echo "[test] dotnet: ${name}" >&2
  dotnet test "${project}" -c Release --no-build -nologo \
    --logger "trx;LogFileName=${name}.trx" --logger "console;verbosity=normal" --results-directory "${results}"
  counters="$(grep -o '<Counters [^>]*>' "${results}/${name}.trx" 2>/dev/null)"
  if [ -z "${counters}" ]; then
    echo "[test] ${name}: no results (the test host crashed?)" >&2
    failed=$((failed + 1))
    continue
  fi
  p="$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"${counters}")"
  f="$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"${counters}")"
  passed=$((passed + p))
  failed=$((failed + f))
done

finish
