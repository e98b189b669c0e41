#!/usr/bin/env bash
# Schemathesis against a running HaiCap server and the OpenAPI document it serves.
#   usage: tests/e2e/run_schemathesis.sh SERVER_URL ADMIN_TOKEN
# Needs `schemathesis` on PATH (tests/requirements.txt). Checks: no 5xx, and status codes,
# content types and bodies as documented. Fixed seed and example count: about 50 s on 2 cores.
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 SERVER_URL ADMIN_TOKEN" >&2; exit 2; fi
URL=${1%/}
TOKEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)

# The throw-away user, token, dossier, 1022 category, routing rule, report and Open311 key, and the
# spare agency, that the destructive operations are pinned to (see schemathesis.toml).
targets=$(python3 "$HERE/schemathesis_targets.py" "$URL" "$TOKEN")
eval "$targets"
export HAICAP_ST_USER_ID HAICAP_ST_TOKEN_ID HAICAP_ST_AGENCY_ID HAICAP_ST_DOSSIER_CODE \
  HAICAP_ST_RULE_ID HAICAP_ST_REPORT_ID HAICAP_ST_OPEN311_KEY_ID HAICAP_ST_RULES_BEFORE

status=0
schemathesis --config-file "$HERE/schemathesis.toml" run "$URL/api/v1/openapi.yaml" \
  --url "$URL" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples 100 \
  --seed 20250701 \
  --workers 2 \
  --generation-database none \
  --request-timeout 10 \
  --no-color || status=$?

# The throw-away 1022 category goes back to a fixed, inactive definition for the tests that follow,
# and a routing rule the run should not have been able to make fails the run here.
python3 "$HERE/schemathesis_targets.py" "$URL" "$TOKEN" --after
exit "$status"
