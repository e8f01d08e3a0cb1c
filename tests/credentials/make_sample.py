#!/usr/bin/env python3
"""Makes sample OB 3.0 VC-JWTs shaped like Kompetence's (crates/kompetence-core/src/documents/
credential.rs), to self-test check.py without the server.

Usage: python3 tests/credentials/make_sample.py --out DIR [--alg RS256|EdDSA] [--kid KID]

Writes into DIR:
  credential.json    the unsigned OpenBadgeCredential
  jwks.json          {"keys": [public JWK]}, kid = RFC 7638 thumbprint (like the server)
  sample.jwt         the signed credential                                  -> valid
  tampered.jwt       one character of the credential changed (grade "10" -> "12"),
                     payload re-encoded, old signature kept                  -> invalid
  tampered_b64.jwt   one character of the payload's base64url changed        -> invalid
  foreign_key.jwt    same header (kid) but signed by a different key         -> invalid
  bad_claims.jwt     validly signed, but sub != credentialSubject.id and
                     nbf != validFrom                                        -> invalid
  bad_schema.jwt     validly signed, but achievement.type is a string and
                     validFrom has no time zone                              -> invalid

The JWS is built by hand with `cryptography` (no PyJWT), so the generator shares no JWT code
with the openbadgeslib verifier. Needs: pip install cryptography.
"""
from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def new_key(alg: str):
    if alg == "RS256":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        nums = key.public_key().public_numbers()
        members = {"e": uint(nums.e), "kty": "RSA", "n": uint(nums.n)}
    else:
        key = ed25519.Ed25519PrivateKey.generate()
        raw = key.public_key().public_bytes_raw()
        members = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    # RFC 7638: required members, lexicographic order, no whitespace.
    thumb = b64url(hashlib.sha256(json.dumps(members, sort_keys=True, separators=(",", ":"))
                                  .encode()).digest())
    return key, members, thumb


def sign(alg: str, key, kid: str, claims: dict) -> str:
    header = {"alg": alg, "kid": kid, "typ": "JWT"}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + b64url(json.dumps(claims, ensure_ascii=False, separators=(",", ":"))
                              .encode("utf-8")))
    data = signing_input.encode("ascii")
    if alg == "RS256":
        sig = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    else:
        sig = key.sign(data)
    return signing_input + "." + b64url(sig)


def build_credential(valid_from: str) -> dict:
    issuer_id = "https://kompetence.example/issuers/2"
    achievement_id = f"{issuer_id}/achievements/OEK1"
    rd_id = f"{achievement_id}#grade"
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:0b6b3c1e-2d6f-4b1a-9a55-6a3f2b9e1c01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": "Professionshøjskolen Syd"},
        "name": "KB-TEST-1: Økonomistyring",
        "validFrom": valid_from,
        "credentialSubject": {
            "id": "urn:uuid:7f1d0c4e-5a0e-4c2b-8d11-2f4f7a6b9c33",
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityHash": "Åse Ørum",
                            "identityType": "name", "hashed": False}],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": "Økonomistyring",
                "description": "Kompetencer i økonomistyring",
                "criteria": {"narrative": "Bestået prøve bedømt efter 7-trinsskalaen (mindst 02). "
                                          "Passed exam graded on the Danish 7-point scale (at least 02)."},
                "creditsAvailable": 10.0,
                "inLanguage": "da",
                "resultDescription": [{
                    "id": rd_id, "type": ["ResultDescription"],
                    "name": "Karakter efter 7-trinsskalaen", "resultType": "LetterGrade",
                    "allowedValue": ["12", "10", "7", "4", "02", "00", "-3"], "requiredValue": "02",
                }],
            },
            "creditsEarned": 10.0,
            "result": [{"type": ["Result"], "resultDescription": rd_id, "value": "10",
                        "status": "Completed"}],
        },
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def vc_jwt_claims(cred: dict, nbf: int) -> dict:
    claims = dict(cred)
    claims.update(iss=cred["issuer"]["id"], jti=cred["id"], sub=cred["credentialSubject"]["id"],
                  nbf=nbf, iat=nbf)
    return claims


def main() -> int:
    ap = argparse.ArgumentParser(description="Make sample OB 3.0 VC-JWTs for check.py")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--alg", choices=["RS256", "EdDSA"], default="RS256")
    ap.add_argument("--kid", help="key id to use instead of the RFC 7638 thumbprint")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    issued = (datetime.now(timezone.utc) - timedelta(minutes=5)).replace(microsecond=0)
    valid_from = issued.strftime("%Y-%m-%dT%H:%M:%SZ")
    nbf = int(issued.timestamp())
    cred = build_credential(valid_from)

    key, members, thumb = new_key(args.alg)
    kid = args.kid or thumb
    jwk = {**members, "use": "sig", "alg": args.alg, "kid": kid}
    (args.out / "jwks.json").write_text(json.dumps({"keys": [jwk]}, indent=2) + "\n")
    (args.out / "credential.json").write_text(json.dumps(cred, ensure_ascii=False, indent=2) + "\n")

    claims = vc_jwt_claims(cred, nbf)
    token = sign(args.alg, key, kid, claims)
    out = {"sample.jwt": token}

    head, payload_b64, sig = token.split(".")
    text = json.dumps(claims, ensure_ascii=False, separators=(",", ":"))
    assert text.count('"value":"10"') == 1
    forged = text.replace('"value":"10"', '"value":"12"')      # one character changed
    out["tampered.jwt"] = ".".join([head, b64url(forged.encode("utf-8")), sig])
    i = len(payload_b64) // 2
    flipped = payload_b64[:i] + ("A" if payload_b64[i] != "A" else "B") + payload_b64[i + 1:]
    out["tampered_b64.jwt"] = ".".join([head, flipped, sig])

    other, _, _ = new_key(args.alg)
    out["foreign_key.jwt"] = sign(args.alg, other, kid, claims)

    bad = copy.deepcopy(claims)
    bad["sub"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    bad["nbf"] = nbf + 3600
    out["bad_claims.jwt"] = sign(args.alg, key, kid, bad)

    bad = copy.deepcopy(claims)
    bad["credentialSubject"]["achievement"]["type"] = "Achievement"
    bad["validFrom"] = valid_from.rstrip("Z")
    out["bad_schema.jwt"] = sign(args.alg, key, kid, bad)

    for name, value in out.items():
        (args.out / name).write_text(value + "\n")
    print(f"wrote {', '.join(['credential.json', 'jwks.json', *out])} to {args.out} "
          f"(alg {args.alg}, kid {kid})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
