"""Writes the API's test vectors with Python's standard library, independently of the TypeScript
code they check: Werkzeug scrypt password hashes, audit leaves and their RFC 6962 root, capability
tokens. Run from this directory: python3 generate.py (the committed files are its output)."""
import base64, hashlib, hmac, json


def write(name, doc):
    with open(name, "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


def scrypt_hash(password, salt):
    key = hashlib.scrypt(password.encode(), salt=salt.encode(), n=32768, r=8, p=1, dklen=64, maxmem=64 * 1024 * 1024)
    return "scrypt:32768:8:1$" + salt + "$" + key.hex()


pw = [{"password": p, "hash": scrypt_hash(p, s), "valid": True}
      for p, s in [("12345", "Xy3kP9qLm2Rt7VwZ"), ("Ana!Health1", "a1b2c3d4e5f6g7h8"), ("Petrović-ž", "ŠaltŠaltŠaltŠalt")]]
h = pw[0]["hash"]
pw += [
    {"password": "12346", "hash": h, "valid": False, "desc": "wrong password"},
    {"password": "12345", "hash": h[:-1] + ("0" if h[-1] != "0" else "1"), "valid": False, "desc": "last hex digit of the key changed"},
    {"password": "12345", "hash": "pbkdf2:sha256:600000$abc$def", "valid": False, "desc": "unknown method"},
    {"password": "12345", "hash": "scrypt:33000:8:1$Xy3kP9qLm2Rt7VwZ$" + h.split("$")[2], "valid": False, "desc": "N not a power of two"},
]
write("passwords.json", {"source": "Python 3.11 hashlib.scrypt (OpenSSL), see generate.py",
                         "desc": "Werkzeug scrypt password hashes (contract 1.8), computed with Python hashlib.scrypt, an implementation independent of node:crypto",
                         "vectors": pw})


def leaf(e):
    return hashlib.sha256(b"\x00" + json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).digest()


def mth(leaves):  # RFC 6962 §2.1, written from the RFC
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


entries = [
    {"seq": 1, "at": "2026-12-03T10:00:00.000Z", "actor_id": "ffbe84df20d043178300a21710312068", "actor_type": "patients", "action": "login",
     "record_id": None, "patient_id": None, "health_authority_id": None, "ip": "127.0.0.1", "outcome": "ok"},
    {"seq": 2, "at": "2026-12-03T10:00:01.250Z", "actor_id": "0271f15a69394cacb71cab62665e0592", "actor_type": "doctors", "action": "decrypt",
     "record_id": "e2e659351b784cddad9ecfa02b541f36", "patient_id": "27c5e47361af401987d5a7f0cbba3d99",
     "health_authority_id": "6d041a6bf3f741fabb9e0bd7d2518479", "ip": "::1", "outcome": "ok"},
    {"seq": 3, "at": "2026-12-03T10:00:02.000Z", "actor_id": "anonymous", "actor_type": "anonymous", "action": "denied",
     "record_id": None, "patient_id": None, "health_authority_id": None, "ip": "10.0.0.7", "outcome": "401 GET /api/health-records — Đurić"},
]
leaves = [leaf(e) for e in entries]
write("audit-leaves.json", {"source": 'Python 3.11 hashlib.sha256 and json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False), see generate.py',
                            "desc": "Audit log leaves: SHA-256(0x00 ‖ JCS(entry)) and their RFC 6962 root, computed in Python (json.dumps sort_keys, no spaces, UTF-8) independently of the TypeScript code",
                            "entries": entries, "leaves": [l.hex() for l in leaves], "root": mth(leaves).hex(), "root_of_first_two": mth(leaves[:2]).hex()})

key = bytes(range(32))
tokens = [{"kind": k, "message": m, "token": base64.urlsafe_b64encode(hmac.new(key, m.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()}
          for k, m in [("patient", "patient:ffbe84df20d043178300a21710312068:8ee9c6326d1d4438a1945af1d3320a98"),
                       ("owner", "ha:6d041a6bf3f741fabb9e0bd7d2518479:8ee9c6326d1d4438a1945af1d3320a98"),
                       ("grant", "grant:d1e2f3a4b5c64d7e8f9a0b1c2d3e4f5a:e2e659351b784cddad9ecfa02b541f36")]]
write("capabilities.json", {"source": "Python 3.11 hmac + hashlib.sha256 + base64.urlsafe_b64encode, see generate.py",
                            "desc": "Capability tokens: base64url(HMAC-SHA256(secret, message)) without padding (contract 5), computed in Python",
                            "secret_hex": key.hex(), "tokens": tokens})
