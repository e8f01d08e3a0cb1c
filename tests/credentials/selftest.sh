#!/usr/bin/env bash
# Self-test of check.py on generated samples (no server needed): for RS256 and EdDSA, the
# signed sample must pass and each broken variant must be rejected.
# Usage: bash tests/credentials/selftest.sh   (PYTHON=... to pick the interpreter)
# Last line: "N passed, M failed"; exit 0 only if all passed.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

expect() { # expect RC DESCRIPTION -- COMMAND...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>&1
  local rc=$?
  if [ "$rc" -eq "$want" ]; then
    passed=$((passed + 1)); echo "PASS: $what"
  else
    failed=$((failed + 1)); echo "FAIL: $what (exit $rc, wanted $want)"; sed 's/^/    /' "$tmp/out"
  fi
}

for alg in RS256 EdDSA; do
  d="$tmp/$alg"
  if ! "$py" "$here/make_sample.py" --out "$d" --alg "$alg" >/dev/null; then
    echo "FAIL: make_sample.py --alg $alg"; failed=$((failed + 1)); continue
  fi
  expect 0 "$alg sample verifies" -- "$py" "$here/check.py" --jwt "$d/sample.jwt" --jwks "$d/jwks.json"
  expect 1 "$alg sample is not reported invalid" -- \
    "$py" "$here/check.py" --jwt "$d/sample.jwt" --jwks "$d/jwks.json" --expect-invalid
  for bad in tampered tampered_b64 foreign_key bad_claims bad_schema; do
    expect 0 "$alg $bad is rejected" -- \
      "$py" "$here/check.py" --jwt "$d/$bad.jwt" --jwks "$d/jwks.json" --expect-invalid
  done
done
expect 2 "a missing JWKS is a setup error even with --expect-invalid" -- \
  "$py" "$here/check.py" --jwt "$tmp/RS256/tampered.jwt" --jwks "$tmp/none.json" --expect-invalid

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
