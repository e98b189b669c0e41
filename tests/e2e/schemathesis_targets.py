#!/usr/bin/env python3
"""Creates the throw-away records that schemathesis may damage, and prints their ids as shell assignments.

Usage: schemathesis_targets.py SERVER_URL ADMIN_TOKEN

The operations that change or revoke one existing record (user update, password reset, token
revocation, agency update, dossier actions and bulk assignment) are pinned to these records by
schemathesis.toml, so that the run can neither change the demo admin's password (which the page
tests log in with) nor revoke the token the run itself authenticates with, nor rename the agencies
the page tests show, nor move the demo dossiers along their workflow.
"""
import json
import os
import sys
import time
import urllib.request

# The one-stop centre of Xã Thạnh An (27676, the last commune in code order): no page test shows it, so
# the dossiers the run creates and pushes through the workflow stay out of sight. schemathesis.toml
# sends the run's own intakes there too.
SPARE_WARD_CENTRE = "168.01.90.H29"


def call(base, token, method, path, body):
    """One JSON request with the admin token; any HTTP error stops the script."""
    request = urllib.request.Request(
        base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: schemathesis_targets.py SERVER_URL ADMIN_TOKEN")
    base, token = sys.argv[1].rstrip("/"), sys.argv[2]
    suffix = f"{int(time.time())}-{os.getpid()}"
    user = call(base, token, "POST", "/api/v1/users", {
        "username": f"schemathesis-{suffix}",
        "fullName": "Tài khoản thử nghiệm schemathesis",
        "password": "ThuNghiem2025",
        "role": "officer",
        "agency": "000.01.08.H29",
    })
    created = call(base, token, "POST", "/api/v1/tokens", {"username": user["username"], "name": "schemathesis-muc-tieu"})
    # The city postal office: an agency that no page test shows, so renaming it harms nothing.
    agency = call(base, token, "GET", "/api/v1/agencies?kind=postal&limit=1", None)["items"][0]
    # Submitted only (not yet received), so the workflow actions start from the beginning.
    dossier = call(base, token, "POST", "/api/v1/dossiers", {
        "procedure": "2.000815",
        "agency": SPARE_WARD_CENTRE,
        "channel": "direct",
        "decision": "submit",
        "applicant": {"name": "Công dân thử nghiệm schemathesis", "idNumber": "079300000001", "phone": "0900000001"},
        "components": [{"code": "BC", "form": "scanned", "pages": 3}],
    })
    print(f"HAICAP_ST_USER_ID={user['id']}")
    print(f"HAICAP_ST_TOKEN_ID={created['token']['id']}")
    print(f"HAICAP_ST_AGENCY_ID={agency['id']}")
    print(f"HAICAP_ST_DOSSIER_CODE={dossier['code']}")


if __name__ == "__main__":
    main()
