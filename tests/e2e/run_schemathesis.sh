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

# The throw-away user, token and dossier, and the spare agency, that the destructive operations are
# pinned to (see schemathesis.toml).
targets=$(python3 "$HERE/schemathesis_targets.py" "$URL" "$TOKEN")
eval "$targets"
export HAICAP_ST_USER_ID HAICAP_ST_TOKEN_ID HAICAP_ST_AGENCY_ID HAICAP_ST_DOSSIER_CODE

exec schemathesis --config-file "$HERE/schemathesis.toml" run "$URL/api/v1/openapi.yaml" \
  --url "$URL" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples 100 \
  --seed 20250701 \
  --workers 2 \
  --generation-database none \
  --request-timeout 10 \
  --no-color
