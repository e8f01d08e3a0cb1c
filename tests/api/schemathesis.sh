#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis: no request may get a
# 5xx answer. Runs against a demo server on a free local port, once as a municipality's HR
# and once as a provider admin, with path ids pinned to their own organisation so the
# generated requests reach the handlers instead of stopping at 404.
set -euo pipefail
bin="${KOMPETENCE_BIN:?set KOMPETENCE_BIN to the kompetence binary}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo --data-dir "$work" >/dev/null 2>&1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --data-dir "$work" --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
org_id() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select id from organizations where name=?', (sys.argv[2],)).fetchone()[0])" "$work/kompetence.db" "$1"; }
for who in "hr.aabenraa@kompetence.test|Aabenraa Kommune" "udbyder@kompetence.test|Professionshøjskolen Nordlys"; do
  user="${who%%|*}"; org="${who#*|}"
  token="$("$bin" token create --user "$user" --data-dir "$work" 2>/dev/null)"
  (cd "$work" && printf '[parameters]\n"path.org_id" = %s\n' "$(org_id "$org")" > schemathesis.toml &&
    python3 -m schemathesis.cli run "http://127.0.0.1:$port/api/v1/openapi.json" \
      -H "Authorization: Bearer $token" --checks not_a_server_error --max-examples 40 --seed 1 | tail -8)
done
