#!/usr/bin/env bash
# Local PostgreSQL 15 + pgvector for development and tests.
#   infra/dev/db.sh up|down|status|psql [args...]
# Idempotent: installs what is missing (Debian packages; pgvector built from Debian's source
# package because bookworm has no binary), creates a cluster under .data/pg listening on
# 127.0.0.1:54329 only, and a database `knowledgebase` with the `vector` extension.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PG_CONFIG="${PG_BIN}/pg_config"
PG_PORT="${KB_PG_PORT:-54329}"
PG_USER=kb
PG_PASSWORD=kb
PG_DATABASE=knowledgebase
data_root="${repo_root}/.data"
pg_link="${data_root}/pg"

log() { printf '[db] %s\n' "$*" >&2; }
die() { printf '[db] error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL refuses to run as root, so a root caller runs the server as `postgres`.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq >&2; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure_postgres() {
  local missing=()
  [ -x "${PG_BIN}/pg_ctl" ] || missing+=("postgresql-${PG_VERSION}")
  command -v psql >/dev/null 2>&1 || missing+=("postgresql-client-${PG_VERSION}")
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

vector_available() { [ -f "$("${PG_CONFIG}" --sharedir 2>/dev/null)/extension/vector.control" ]; }

# Builds pgvector from Debian's source package (suite trixie, deb-src only, in a private apt
# lists directory so the system's sources are untouched). Never installs trixie binaries.
ensure_pgvector() {
  if [ -x "${PG_CONFIG}" ] && vector_available; then return; fi
  if [ ! -x "${PG_CONFIG}" ] || [ ! -f "$("${PG_CONFIG}" --includedir-server)/postgres.h" ]; then
    apt_install "postgresql-server-dev-${PG_VERSION}"
  fi
  command -v make >/dev/null 2>&1 && command -v gcc >/dev/null 2>&1 || apt_install build-essential
  command -v dpkg-source >/dev/null 2>&1 || apt_install dpkg-dev
  vector_available && return

  local work="${data_root}/build/pgvector"
  rm -rf "${work}"
  mkdir -p "${work}/sources" "${work}/lists/partial" "${work}/src"
  cat >"${work}/sources/trixie-src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=${work}/sources"
    -o "Dir::State::Lists=${work}/lists" -o "APT::Sandbox::User=root")
  log "downloading pgvector source (Debian trixie)"
  apt-get "${apt_opts[@]}" update -qq >&2
  (cd "${work}/src" && apt-get "${apt_opts[@]}" source --download-only -qq pgvector >&2)
  local dsc
  dsc="$(ls "${work}"/src/pgvector_*.dsc | head -n 1)" || die "pgvector source package not found"
  (cd "${work}/src" && dpkg-source --no-check -x "$(basename "${dsc}")" pgvector >&2)
  log "building pgvector $(basename "${dsc}" .dsc)"
  make -s -C "${work}/src/pgvector" PG_CONFIG="${PG_CONFIG}" >&2
  as_root make -s -C "${work}/src/pgvector" PG_CONFIG="${PG_CONFIG}" install >&2
  vector_available || die "pgvector did not install"
  rm -rf "${work}"
}

# The server runs as `postgres` when we are root; it must be able to reach its data directory.
# A clone under a private directory (mktemp -d is 0700) is not reachable, so the cluster then
# lives under /var/tmp and .data/pg is a symlink to it.
pg_dir() {
  if [ -e "${pg_link}" ]; then readlink -f "${pg_link}"; return; fi
  mkdir -p "${data_root}"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "${data_root}"; then
    local alt
    alt="/var/tmp/knowledgebase-pg-$(printf '%s' "${repo_root}" | sha256sum | cut -c1-12)"
    mkdir -p "${alt}"
    ln -s "${alt}" "${pg_link}"
    printf '%s\n' "${alt}"
  else
    mkdir -p "${pg_link}"
    printf '%s\n' "${pg_link}"
  fi
}

psql_kb() {
  PGPASSWORD="${PG_PASSWORD}" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PG_PORT}" -U "${PG_USER}" "$@"
}

is_running() {
  local dir="$1"
  [ -f "${dir}/data/postmaster.pid" ] || return 1
  local pid
  pid="$(head -n 1 "${dir}/data/postmaster.pid")"
  [ -n "${pid}" ] && [ -d "/proc/${pid}" ] && grep -q postgres "/proc/${pid}/comm" 2>/dev/null
}

cmd_up() {
  ensure_postgres
  ensure_pgvector
  local dir
  dir="$(pg_dir)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "${dir}"; fi
  if [ ! -f "${dir}/data/PG_VERSION" ]; then
    log "initialising cluster in ${dir}/data"
    local pwfile="${dir}/.pw"
    printf '%s\n' "${PG_PASSWORD}" >"${pwfile}"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "${pwfile}"; fi
    as_pg "${PG_BIN}/initdb" -D "${dir}/data" -U "${PG_USER}" --pwfile="${pwfile}" \
      --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "${pwfile}"
    cat >>"${dir}/data/postgresql.conf" <<EOF
# knowledgebase dev cluster
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
unix_socket_directories = ''
max_connections = 200
shared_buffers = 512MB
maintenance_work_mem = 512MB
work_mem = 16MB
fsync = on
EOF
  fi
  if is_running "${dir}"; then
    log "already running on 127.0.0.1:${PG_PORT}"
  elif psql_kb -d postgres -tAc "select 1" >/dev/null 2>&1; then
    # Another checkout's dev cluster already serves this port with the same credentials.
    log "a KnowledgeBase dev cluster from another checkout already serves 127.0.0.1:${PG_PORT}; using it"
  else
    # A pid file whose process is gone (or is not postgres) is stale: a crash or a reboot.
    rm -f "${dir}/data/postmaster.pid"
    as_pg "${PG_BIN}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 start >/dev/null ||
      { tail -n 20 "${dir}/server.log" >&2; die "PostgreSQL did not start"; }
    log "started on 127.0.0.1:${PG_PORT}"
  fi
  if ! psql_kb -d postgres -tAc "select 1 from pg_database where datname = '${PG_DATABASE}'" | grep -q 1; then
    psql_kb -d postgres -c "create database ${PG_DATABASE}"
  fi
  psql_kb -d "${PG_DATABASE}" -c "create extension if not exists vector" 2>/dev/null
  log "ready: Host=127.0.0.1;Port=${PG_PORT};Database=${PG_DATABASE};Username=${PG_USER};Password=${PG_PASSWORD}"
}

cmd_down() {
  [ -e "${pg_link}" ] || { log "no cluster"; return; }
  local dir
  dir="$(readlink -f "${pg_link}")"
  if is_running "${dir}"; then
    as_pg "${PG_BIN}/pg_ctl" -D "${dir}/data" -m fast -w stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

cmd_status() {
  if [ -e "${pg_link}" ] && is_running "$(readlink -f "${pg_link}")"; then
    log "running on 127.0.0.1:${PG_PORT} (data: $(readlink -f "${pg_link}")/data)"
  else
    log "not running"
    return 3
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  psql) shift; psql_kb -d "${PG_DATABASE}" "$@" ;;
  *) echo "usage: $0 up|down|status|psql [psql args...]" >&2; exit 2 ;;
esac
