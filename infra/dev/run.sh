#!/usr/bin/env bash
# Runs KnowledgeBase locally: database, schema, web UI, sample documents (first run), then the app
# on http://127.0.0.1:5080 with the embedded defaults (no API key needed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=common.sh
source "${root}/infra/dev/common.sh"
cd "${root}"

require_dotnet
require_node
infra/dev/db.sh up

export ConnectionStrings__KnowledgeBase="${ConnectionStrings__KnowledgeBase:-Host=127.0.0.1;Port=54329;Database=knowledgebase;Username=kb;Password=kb}"
export Storage__Root="${Storage__Root:-${root}/.data/blobs}"
# Served over plain HTTP on 127.0.0.1: cookies get the Secure flag only on HTTPS requests.
export Identity__SecureCookies="${Identity__SecureCookies:-SameAsRequest}"
echo "[run] building" >&2
dotnet build src/KnowledgeBase.Api/KnowledgeBase.Api.csproj -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet build src/KnowledgeBase.Cli/KnowledgeBase.Cli.csproj -c Release -v quiet -nologo -clp:ErrorsOnly >&2
kb() { dotnet "${root}/src/KnowledgeBase.Cli/bin/Release/net10.0/kb.dll" "$@"; }

kb migrate >&2

echo "[run] building the web UI" >&2
ensure_web_packages "${root}/web"
(cd web && npm run --silent build >/dev/null)

credentials="${root}/.data/dev-credentials"
if [ ! -f "${credentials}" ]; then
  echo "[run] first run: loading the sample documents" >&2
  samples="${root}/infra/dev/sample-docs"
  # The folder's README describes the samples; it is not one of them.
  mapfile -t sample_files < <(find "${samples}" -maxdepth 1 -type f \( -name '*.pdf' -o -name '*.md' -o -name '*.html' -o -name '*.txt' \) ! -name README.md | sort)
  kb ingest "${sample_files[@]}" --collection default | grep -v '^$' >&2 || true
  admin_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)"
  employee_password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)"
  kb users add admin@example.com --role admin --password "${admin_password}" >/dev/null
  kb users add employee@example.com --role employee --groups staff --password "${employee_password}" >/dev/null
  umask 077
  printf 'admin@example.com %s\nemployee@example.com %s\n' "${admin_password}" "${employee_password}" >"${credentials}"
fi

port="${KB_PORT:-5080}"
echo
echo "KnowledgeBase is starting on http://127.0.0.1:${port}"
echo "Sign in with one of these (stored in .data/dev-credentials):"
while read -r email password; do echo "  ${email} / ${password}"; done <"${credentials}"
echo

cd "${root}/src/KnowledgeBase.Api"
exec dotnet bin/Release/net10.0/KnowledgeBase.Api.dll --urls "http://127.0.0.1:${port}"
