#!/usr/bin/env python3
"""Creates the throw-away records that schemathesis may damage, and prints their ids as shell assignments.

Usage: schemathesis_targets.py SERVER_URL ADMIN_TOKEN [--after]

The operations that change or revoke one existing record (user update, password reset, token
revocation, agency update, dossier actions and bulk assignment, 1022 category edits, routing rules,
report actions, Open311 key revocation) are pinned to these records by schemathesis.toml, so that
the run can neither change the demo admin's password (which the page tests log in with) nor revoke
the token the run itself authenticates with, nor rename the agencies the page tests show, nor move
the demo dossiers along their workflow, nor change the standard 1022 categories or where their
reports go, nor move the demo reports, nor revoke the Open311 key the Open311 tests file with.

With --after (once schemathesis is done) it puts the throw-away category back to a fixed, inactive
definition: the run may have left it active under a name such as "0", and the Open311 tests that
follow read every active category (each must have a Vietnamese name). It also fails if the run left
a routing rule for anything but the throw-away category, which would reroute the later tests' reports.
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

# 1022: a throw-away category of the run's own, answered by the UBND of the same commune (its unit
# code 27676, 168th in code order, hence agency 168.00.90.H29); a routing rule for that category
# only; and a report of it placed in the commune (its centre point).
SPARE_WARD = "27676"
SPARE_WARD_COMMITTEE = "168.00.90.H29"
SPARE_WARD_POINT = {"lat": 10.5464, "lon": 106.975}
SPARE_CATEGORY = "thu-nghiem-st"
SPARE_CATEGORY_DEFINITION = {
    "code": SPARE_CATEGORY,
    "name": "Thử nghiệm schemathesis",
    "description": "Lĩnh vực tạm của lần chạy schemathesis",
    "responsible": "unit-ubnd",
}


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


def after_run(base, token):
    """Restores the throw-away category (inactive) and checks that no other routing rule appeared."""
    call(base, token, "PUT", f"/api/v1/feedback/categories/{SPARE_CATEGORY}", {**SPARE_CATEGORY_DEFINITION, "active": False})
    before = {int(rule_id) for rule_id in os.environ.get("HAICAP_ST_RULES_BEFORE", "").split(",") if rule_id}
    strays = [rule for rule in call(base, token, "GET", "/api/v1/feedback/rules", None)
              if rule.get("categoryCode") != SPARE_CATEGORY and rule["id"] not in before]
    if strays:
        sys.exit(f"schemathesis left routing rules outside {SPARE_CATEGORY}: {json.dumps(strays, ensure_ascii=False)}")


def main():
    if len(sys.argv) == 4 and sys.argv[3] == "--after":
        after_run(sys.argv[1].rstrip("/"), sys.argv[2])
        return
    if len(sys.argv) != 3:
        sys.exit("usage: schemathesis_targets.py SERVER_URL ADMIN_TOKEN [--after]")
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
    rules_before = [rule["id"] for rule in call(base, token, "GET", "/api/v1/feedback/rules", None)]
    call(base, token, "PUT", f"/api/v1/feedback/categories/{SPARE_CATEGORY}", SPARE_CATEGORY_DEFINITION)
    rule = call(base, token, "POST", "/api/v1/feedback/rules", {
        "categoryCode": SPARE_CATEGORY,
        "unitCode": SPARE_WARD,
        "agencyId": SPARE_WARD_COMMITTEE,
        "note": "Quy tắc tạm của lần chạy schemathesis",
    })
    report = call(base, token, "POST", "/api/v1/feedback", {
        "category": SPARE_CATEGORY,
        "description": "Phản ánh thử nghiệm của lần chạy schemathesis",
        **SPARE_WARD_POINT,
        "anonymous": True,
    })
    key = call(base, token, "POST", "/api/v1/open311/keys", {"name": "schemathesis"})
    print(f"HAICAP_ST_USER_ID={user['id']}")
    print(f"HAICAP_ST_TOKEN_ID={created['token']['id']}")
    print(f"HAICAP_ST_AGENCY_ID={agency['id']}")
    print(f"HAICAP_ST_DOSSIER_CODE={dossier['code']}")
    print(f"HAICAP_ST_RULE_ID={rule['id']}")
    print(f"HAICAP_ST_REPORT_ID={report['id']}")
    print(f"HAICAP_ST_OPEN311_KEY_ID={key['key']['id']}")
    print(f"HAICAP_ST_RULES_BEFORE={','.join(map(str, rules_before))}")


if __name__ == "__main__":
    main()
