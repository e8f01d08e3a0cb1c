#!/usr/bin/env python3
"""Checks an Open Badges 3.0 credential that Kompetence issued as a VC-JWT (compact JWS),
with code that did not write it.

Usage: python3 tests/credentials/check.py --jwt FILE --jwks FILE [--expect-invalid]
                                          [--schema FILE ...]

FILE for --jwt holds the compact JWS (surrounding whitespace is ignored); FILE for --jwks is
the key set the server publishes at /.well-known/jwks.json ({"keys": [...]}).

Checks, each printed as PASS/FAIL (WARN lines are advice and do not fail the run):
  1. JOSE header: alg is RS256, ES256 or EdDSA; typ, if present, is "JWT"; no header
     parameters besides alg/kid/jwk/typ (OB 3.0 forbids others); the kid names a key in the
     JWKS; that JWK is public only (no "d", "p", ...), of the right kty and, if it says, alg.
  2. Signature, twice: with openbadgeslib's OB3Verifier (PyPI `openbadgeslib`, which also
     checks the credential type, @context, iss/sub/jti/nbf against the credential and the
     validFrom/validUntil window), and with plain `cryptography` over the JWS signing input.
  3. The decoded payload against the 1EdTech JSON Schema(s) kept beside this script
     (draft 2019-09, `jsonschema` Draft201909Validator, with `date-time` checked).
  4. Registered claims: iss == issuer.id, jti == id, sub == credentialSubject.id,
     nbf == validFrom in Unix seconds (an integer), exp <=> validUntil, no VC 1.1 "vc" claim.
  5. What the schema leaves out but OB 3.0 requires: ids are URIs (have a scheme), a result's
     resultDescription names one of the achievement's, its value is an allowedValue.

The last line is "N passed, M failed". Exit 0 when everything passed, 1 when a check failed,
2 on bad usage or a missing package / unreadable JWKS or schema.

With --expect-invalid (for a tampered copy) the outcome is inverted: exit 0 only when at
least one check rejected the credential, and the last line is "1 passed, 0 failed"; if it
all verified it is "0 passed, 1 failed", exit 1. Usage and environment errors still exit 2,
so a broken setup never counts as a rejected credential.

Needs: pip install openbadgeslib jsonschema rfc3339-validator  (versions in README.md).
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SCHEMAS = [
    HERE / "ob_v3p0_achievementcredential_schema.json",
    HERE / "ob_v3p0_achievementcredential_schema.formal.json",
]
ALLOWED_ALGS = {"RS256", "ES256", "EdDSA"}
ALLOWED_HEADER_PARAMS = {"alg", "kid", "jwk", "typ"}
PRIVATE_JWK_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}
OFFICIAL_SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


class SetupError(Exception):
    """Bad usage or environment: exit 2 whatever --expect-invalid says."""


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, why: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"PASS: {what}")
        else:
            self.failed += 1
            print(f"FAIL: {what}" + (f" -- {why}" if why else ""))
        return ok

    def warn(self, what: str) -> None:
        print(f"WARN: {what}")


def b64url_decode(segment: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", segment):
        raise ValueError("not base64url (RFC 7515 forbids padding and other characters)")
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def import_deps() -> dict[str, Any]:
    """Imports the third-party packages, or explains what to install (exit 2)."""
    mods: dict[str, Any] = {}
    try:
        import jwt  # PyJWT, a dependency of openbadgeslib
        from jwt import PyJWK

        mods["jwt"], mods["PyJWK"] = jwt, PyJWK
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

        mods.update(InvalidSignature=InvalidSignature, hashes=hashes, ec=ec, ed25519=ed25519,
                    padding=padding, rsa=rsa, utils=utils)
        from openbadgeslib.ob3 import OB3Verifier, OB3VerificationError

        mods["OB3Verifier"], mods["OB3VerificationError"] = OB3Verifier, OB3VerificationError
        from jsonschema import Draft201909Validator

        mods["Validator"] = Draft201909Validator
        import rfc3339_validator  # noqa: F401  (without it jsonschema skips "date-time")
    except ImportError as exc:
        raise SetupError(
            f"missing Python package ({exc}); run: "
            "pip install openbadgeslib jsonschema rfc3339-validator") from exc
    if "date-time" not in Draft201909Validator.FORMAT_CHECKER.checkers:
        raise SetupError("jsonschema cannot check format date-time; pip install rfc3339-validator")
    return mods


def load_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SetupError(f"cannot read {what} {path}: {exc}") from exc


def as_obj(value: Any) -> dict[str, Any]:
    """The object itself, or the first one of a non-empty array, else {}."""
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, dict) else {}


def id_of(value: Any) -> Any:
    """issuer / credentialSubject may be an object with an id or (issuer) a bare IRI."""
    return value if isinstance(value, str) else as_obj(value).get("id")


def parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_header(r: Report, header: dict[str, Any], jwks: Any, mods: dict[str, Any]) -> Any:
    """Header and key checks; returns the public key object (cryptography) or None."""
    alg = header.get("alg")
    r.check(alg in ALLOWED_ALGS, f"header alg is one of {sorted(ALLOWED_ALGS)}", f"alg={alg!r}")
    if "typ" in header:
        r.check(header["typ"] == "JWT", 'header typ is "JWT"', f"typ={header['typ']!r}")
    else:
        r.warn('header has no typ (OB 3.0 allows that; Kompetence sends "JWT")')
    extra = sorted(set(header) - ALLOWED_HEADER_PARAMS)
    r.check(not extra, "header has only alg/kid/jwk/typ (OB 3.0: others NOT allowed)",
            f"extra parameters {extra}")
    if "jwk" in header:
        r.check(not (PRIVATE_JWK_MEMBERS & set(as_obj(header["jwk"]))),
                "header jwk holds no private key members")

    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not all(isinstance(k, dict) for k in keys):
        raise SetupError('JWKS is not {"keys": [ {...}, ... ]}')
    for k in keys:
        leaked = sorted(PRIVATE_JWK_MEMBERS & set(k))
        r.check(not leaked, f"JWKS key {k.get('kid')!r} is public only", f"has {leaked}")

    kid = header.get("kid")
    if kid is None:
        r.check(len(keys) == 1, "header has no kid and the JWKS has exactly one key",
                f"{len(keys)} keys, cannot choose")
        jwk = keys[0] if len(keys) == 1 else None
    else:
        if not (isinstance(kid, str) and URI_RE.match(kid)):
            r.warn(f"kid {kid!r} is not a URI; OB 3.0 defines kid as a URI that dereferences "
                   "to the JWK (e.g. https://HOST/.well-known/jwks.json#KID)")
        matches = [k for k in keys if k.get("kid") == kid]
        if not r.check(len(matches) == 1, "header kid names exactly one key in the JWKS",
                       f"kid={kid!r}, {len(matches)} match(es) among "
                       f"{[k.get('kid') for k in keys]}"):
            return None
        jwk = matches[0]
    if jwk is None:
        return None

    want_kty = {"RS256": "RSA", "ES256": "EC", "EdDSA": "OKP"}.get(alg)
    r.check(jwk.get("kty") == want_kty, f"JWK kty matches alg {alg}",
            f"kty={jwk.get('kty')!r}, expected {want_kty!r}")
    if "alg" in jwk:
        r.check(jwk["alg"] == alg, "JWK alg equals the header alg", f"JWK alg={jwk['alg']!r}")
    if "use" in jwk:
        r.check(jwk["use"] == "sig", 'JWK use is "sig"', f"use={jwk['use']!r}")
    try:
        key = mods["PyJWK"](jwk).key
    except Exception as exc:  # PyJWT raises several types for a bad JWK
        r.check(False, "JWK converts to a public key", str(exc))
        return None
    if isinstance(key, mods["rsa"].RSAPublicKey):
        r.check(key.key_size >= 2048, "RSA key has at least 2048 bits", f"{key.key_size} bits")
    return key


def check_signature_openbadgeslib(r: Report, token: str, key: Any, mods: dict[str, Any]) -> None:
    """openbadgeslib 4.x: OB3Verifier(pubkey_pem=<PEM or cryptography key>).verify(token)."""
    try:
        cred = mods["OB3Verifier"](pubkey_pem=key).verify(token)
    except mods["OB3VerificationError"] as exc:
        r.check(False, "openbadgeslib OB3Verifier.verify accepts the token", str(exc))
        return
    except Exception as exc:  # any other library error is a rejection too, but say which
        r.check(False, "openbadgeslib OB3Verifier.verify accepts the token",
                f"{type(exc).__name__}: {exc}")
        return
    r.check(True, "openbadgeslib OB3Verifier.verify accepts the token (signature, type, "
                  f"@context, iss/sub/jti/nbf, validity window; recipient {cred.recipient_id})")


def check_signature_raw(r: Report, token: str, header: dict[str, Any], key: Any,
                        mods: dict[str, Any]) -> None:
    """Second opinion without PyJWT: RFC 7515 signing input verified with `cryptography`."""
    what = "signature verifies with plain cryptography (independent of PyJWT)"
    head_b64, payload_b64, sig_b64 = token.split(".")
    signing_input = f"{head_b64}.{payload_b64}".encode("ascii")
    try:
        sig = b64url_decode(sig_b64)
        alg = header.get("alg")
        if alg == "RS256" and isinstance(key, mods["rsa"].RSAPublicKey):
            key.verify(sig, signing_input, mods["padding"].PKCS1v15(), mods["hashes"].SHA256())
        elif alg == "EdDSA" and isinstance(key, mods["ed25519"].Ed25519PublicKey):
            key.verify(sig, signing_input)
        elif alg == "ES256" and isinstance(key, mods["ec"].EllipticCurvePublicKey):
            if len(sig) != 64:
                raise ValueError("ES256 signature is not 64 bytes (r||s)")
            der = mods["utils"].encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                                     int.from_bytes(sig[32:], "big"))
            key.verify(der, signing_input, mods["ec"].ECDSA(mods["hashes"].SHA256()))
        else:
            raise ValueError(f"alg {alg!r} does not fit key {type(key).__name__}")
    except mods["InvalidSignature"]:
        r.check(False, what, "signature does not match")
        return
    except ValueError as exc:
        r.check(False, what, str(exc))
        return
    r.check(True, what)


def check_schemas(r: Report, payload: Any, schema_paths: list[Path],
                  mods: dict[str, Any]) -> None:
    Validator = mods["Validator"]
    for path in schema_paths:
        schema = load_json(path, "schema")
        try:
            Validator.check_schema(schema)
        except Exception as exc:
            raise SetupError(f"{path.name} is not a valid draft 2019-09 schema: {exc}") from exc
        validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path))
        detail = "; ".join(
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}"
            for e in errors[:15])
        if len(errors) > 15:
            detail += f"; ... {len(errors) - 15} more"
        r.check(not errors, f"payload conforms to {path.name}", detail)


def check_claims(r: Report, p: dict[str, Any]) -> None:
    r.check("vc" not in p, 'no "vc" claim: the credential is the payload itself (VC 2.0 / OB 3.0)',
            'found a VC 1.1 style "vc" claim')
    issuer_id = id_of(p.get("issuer"))
    r.check("iss" in p and p["iss"] == issuer_id, "iss equals issuer.id",
            f"iss={p.get('iss')!r}, issuer.id={issuer_id!r}")
    r.check("jti" in p and p["jti"] == p.get("id"), "jti equals id",
            f"jti={p.get('jti')!r}, id={p.get('id')!r}")
    subject_id = as_obj(p.get("credentialSubject")).get("id")
    r.check("sub" in p and p["sub"] == subject_id and subject_id is not None,
            "sub equals credentialSubject.id (OB 3.0 requires sub)",
            f"sub={p.get('sub')!r}, credentialSubject.id={subject_id!r}")

    valid_from = parse_datetime(p.get("validFrom"))
    nbf = p.get("nbf")
    if valid_from is None:
        r.check(False, "validFrom is a date-time with a time zone", f"validFrom={p.get('validFrom')!r}")
    else:
        want = math.floor(valid_from.timestamp())
        r.check(is_int(nbf) and nbf == want,
                "nbf is an integer equal to validFrom in Unix seconds",
                f"nbf={nbf!r}, validFrom={p.get('validFrom')!r} = {want}")
        r.check(valid_from.timestamp() <= time.time() + 60, "validFrom is not in the future",
                f"validFrom={p.get('validFrom')!r}")

    if "validUntil" in p or "exp" in p:
        valid_until = parse_datetime(p.get("validUntil"))
        exp = p.get("exp")
        ok = valid_until is not None and is_int(exp) and exp == math.floor(valid_until.timestamp())
        r.check(ok, "exp is present exactly when validUntil is, and equals it in Unix seconds",
                f"exp={exp!r}, validUntil={p.get('validUntil')!r}")
        if ok:
            r.check(exp > time.time(), "credential has not expired", f"validUntil={p['validUntil']}")
    if "iat" in p:
        r.check(is_int(p["iat"]) and p["iat"] <= time.time() + 60,
                "iat (optional) is an integer not in the future", f"iat={p['iat']!r}")


def check_spec_extras(r: Report, p: dict[str, Any]) -> None:
    subject = as_obj(p.get("credentialSubject"))
    achievement = as_obj(subject.get("achievement"))
    ids = {
        "id": p.get("id"),
        "issuer.id": id_of(p.get("issuer")),
        "credentialSubject.id": subject.get("id"),
        "credentialSubject.achievement.id": achievement.get("id"),
    }
    descriptions = achievement.get("resultDescription")
    descriptions = [d for d in descriptions if isinstance(d, dict)] \
        if isinstance(descriptions, list) else []
    for i, d in enumerate(descriptions):
        ids[f"achievement.resultDescription[{i}].id"] = d.get("id")
    bad = {k: v for k, v in ids.items() if v is not None and not (isinstance(v, str) and URI_RE.match(v))}
    r.check(not bad, "ids are URIs with a scheme (OB 3.0 type URI; the schema only says string)",
            f"not URIs: {bad}")

    by_id = {d.get("id"): d for d in descriptions}
    results = subject.get("result")
    for i, res in enumerate(results if isinstance(results, list) else []):
        if not isinstance(res, dict) or "resultDescription" not in res:
            continue
        d = by_id.get(res["resultDescription"])
        if not r.check(d is not None,
                       f"result[{i}].resultDescription names a resultDescription of the achievement",
                       f"{res['resultDescription']!r} not in {list(by_id)}"):
            continue
        allowed = d.get("allowedValue")
        if isinstance(allowed, list) and "value" in res:
            r.check(res["value"] in allowed, f"result[{i}].value is one of its allowedValue",
                    f"value={res['value']!r}, allowed={allowed}")

    schemas = p.get("credentialSchema")
    if isinstance(schemas, list):
        r.check(any(isinstance(s, dict) and s.get("id") == OFFICIAL_SCHEMA_ID
                    and s.get("type") == "1EdTechJsonSchemaValidator2019" for s in schemas),
                "credentialSchema names the 1EdTech schema with type 1EdTechJsonSchemaValidator2019",
                f"credentialSchema={schemas}")


def run(args: argparse.Namespace) -> Report:
    mods = import_deps()
    try:
        token = Path(args.jwt).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SetupError(f"cannot read JWT file {args.jwt}: {exc}") from exc
    jwks = load_json(Path(args.jwks), "JWKS")
    schema_paths = [Path(s) for s in args.schema] if args.schema else DEFAULT_SCHEMAS
    for s in schema_paths:
        if not s.is_file():
            raise SetupError(f"schema file missing: {s}")

    r = Report()
    parts = token.split(".")
    if not r.check(len(parts) == 3, "token is a compact JWS (three dot-separated parts)",
                   f"{len(parts)} part(s)"):
        return r
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]).decode("utf-8"))
        ok = isinstance(header, dict) and isinstance(payload, dict)
    except (ValueError, UnicodeDecodeError) as exc:
        ok, why = False, str(exc)
    else:
        why = "header or payload is not a JSON object"
    if not r.check(ok, "header and payload are base64url JSON objects", why):
        return r

    key = check_header(r, header, jwks, mods)
    if key is None:
        r.check(False, "a verification key was found for the token")
    else:
        check_signature_openbadgeslib(r, token, key, mods)
        check_signature_raw(r, token, header, key, mods)
    check_schemas(r, payload, schema_paths, mods)
    check_claims(r, payload)
    check_spec_extras(r, payload)
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jwt", required=True, help="file holding the compact JWS")
    ap.add_argument("--jwks", required=True, help="JWK set file ({\"keys\": [...]})")
    ap.add_argument("--expect-invalid", action="store_true",
                    help="exit 0 only if the credential is rejected (tampered copy)")
    ap.add_argument("--schema", action="append",
                    help="schema file to validate against (repeatable; default: the two kept "
                         "beside this script)")
    args = ap.parse_args()
    try:
        r = run(args)
    except SetupError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    if args.expect_invalid:
        rejected = r.failed > 0
        print("EXPECTED INVALID: " + ("rejected, as it should be" if rejected
                                      else "the credential verified, but it should not have"))
        print("1 passed, 0 failed" if rejected else "0 passed, 1 failed")
        return 0 if rejected else 1
    print(f"{r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
