"""Open311 GeoReport v2 (the 1022 citizen-feedback channel) driven from outside.

Reads go through `georeport` (a third-party Open311 client nobody here wrote) in both of its
formats, JSON and XML; it cannot file requests, page, ask for extensions or read tokens, so those
calls — and every error body — go through plain urllib in the spec's form encoding.

Needs HAICAP_URL (see conftest.py). Tests that file requests also need HAICAP_OPEN311_KEY
(`haicap open311 key create --name e2e`) and skip without it. Every request filed here carries a
unique marker and made-up contact details, so it never collides with demo data or other runs.
"""
import json
import os
import re
import secrets
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

import georeport.georeport
import pytest
import requests
from georeport import GeoReport

FORMATS = ("json", "xml")
JURISDICTION = "tphcm.gov.vn"
OTHER_JURISDICTION = "hanoi.gov.vn"
TIMEOUT = 15  # seconds, for every HTTP call

# chieu-sang, ha-tang, cay-xanh, ve-sinh-moi-truong, trat-tu-do-thi go to the UBND of the unit the place
# is in (giao-thong and cap-nuoc go to city-wide agencies), so the routing checks use only those.
SAIGON = {"lat": "10.7769", "long": "106.7009"}  # Phường Sài Gòn (unit 26740): a ward's UBND
OPEN_SEA = {"lat": "10.30", "long": "106.95"}  # off Cần Giờ, in no unit: the 1022 operators

SERVICE_CODES = {"chieu-sang", "ha-tang", "cay-xanh", "ve-sinh-moi-truong", "giao-thong", "cap-nuoc",
                 "trat-tu-do-thi", "thu-tuc-hanh-chinh"}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
HAICAP_STATUSES = {"moi", "dang-xu-ly", "cho-bo-sung", "da-tra-loi", "da-dong"}
REQUEST_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url")
CONTACT_FIELDS = ("email", "phone", "first_name", "last_name")
VIETNAM_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00")


# --- plain HTTP -----------------------------------------------------------------------------------

class Answer(NamedTuple):
    status: int
    content_type: str
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        assert "json" in self.content_type, (self.status, self.content_type, self.body[:300])
        return json.loads(self.body)

    def xml(self):
        assert "xml" in self.content_type, (self.status, self.content_type, self.body[:300])
        return ET.fromstring(self.body)


def call(url, *, fields=None, body=None, content_type="application/x-www-form-urlencoded"):
    """GET `url`, or POST `fields` (pairs or a dict, form-encoded) or raw `body` bytes to it."""
    if fields is not None:
        body = urllib.parse.urlencode(fields).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="GET" if body is None else "POST")
    if body is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return Answer(answer.status, answer.headers.get("Content-Type", ""), answer.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read())


def url(root, path, **query):
    query = {name: value for name, value in query.items() if value is not None}
    return f"{root}/{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")


def w3c(moment):
    """A UTC moment the way GeoReport v2 examples write it: 2025-07-01T00:00:00Z."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def vietnam(moment):
    """The same moment written in the city's own offset: 2025-07-01T07:00:00+07:00."""
    return moment.astimezone(timezone(timedelta(hours=7))).isoformat(timespec="seconds")


def open311_errors(answer, fmt, status):
    """The Open311 error list of `answer`, checked: HTTP status == every code, descriptions present."""
    assert answer.status == status, (answer.status, answer.body[:500])
    if fmt == "json":
        errors = answer.json()
        assert isinstance(errors, list) and errors, errors
        for error in errors:
            assert isinstance(error["code"], int) and not isinstance(error["code"], bool), error
            assert isinstance(error["description"], str) and error["description"].strip(), error
        pairs = [(error["code"], error["description"]) for error in errors]
    else:
        assert answer.body.lstrip().startswith(b"<?xml"), answer.body[:200]
        root = answer.xml()
        assert root.tag == "errors", root.tag
        items = root.findall("error")
        assert items, answer.body
        pairs = [(int(item.findtext("code")), (item.findtext("description") or "").strip()) for item in items]
        assert all(description for _, description in pairs), answer.body
    assert all(code == status for code, _ in pairs), (status, pairs)
    return pairs


def xml_records(answer, item="request"):
    """<service_requests><request>…</request></service_requests> as a list of {tag: text} dicts."""
    root = answer.xml()
    assert root.tag == "service_requests", root.tag
    return [{child.tag: child.text for child in element} for element in root.findall(item)]


def records(answer, fmt):
    """A request list (GET or POST answer) in either format as a list of dicts."""
    assert answer.status in (200, 201), (answer.status, answer.body[:500])
    if fmt == "json":
        items = answer.json()
        assert isinstance(items, list), items
        return items
    return xml_records(answer)


# --- georeport --------------------------------------------------------------------------------------

class _RequestsWithTimeout:
    """georeport calls requests.get without a timeout; a stalled server would hang the whole run."""
    HTTPError = requests.HTTPError

    @staticmethod
    def get(address, **options):
        options.setdefault("timeout", TIMEOUT)
        return requests.get(address, **options)


@pytest.fixture(scope="module", autouse=True)
def georeport_with_a_timeout():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(georeport.georeport, "requests", _RequestsWithTimeout)
        yield


def as_list(value):
    """xmltodict gives one child as a dict, several as a list, none as None."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def listed(client, **filters):
    """client.get_service_requests(**filters) as a list in both formats.

    In XML mode georeport indexes data['service_requests']['request'], which fails with TypeError
    when the list is empty (<service_requests/> parses to None): that case is checked by hand.
    """
    try:
        return as_list(client.get_service_requests(**filters))
    except TypeError:
        assert client.output_format == "xml"
        answer = call(url(client.root_address, "requests.xml", **filters,
                          jurisdiction_id=client.jurisdiction))
        assert xml_records(answer) == [], answer.body
        return []


def http_status(excinfo):
    return excinfo.value.response.status_code


@pytest.fixture(scope="session")
def open311(base_url):
    return f"{base_url}/open311/v2"


@pytest.fixture(scope="session")
def api_key():
    key = os.environ.get("HAICAP_OPEN311_KEY", "")
    if not key:
        pytest.skip("HAICAP_OPEN311_KEY is not set: `haicap open311 key create --name e2e`")
    return key


@pytest.fixture(params=FORMATS)
def fmt(request):
    return request.param


@pytest.fixture
def client(open311, fmt):
    return GeoReport(open311, output_format=fmt)


# --- filing requests --------------------------------------------------------------------------------

def marker():
    return f"e2e-{secrets.token_hex(6)}"


def description():
    """A description long enough for any sensible minimum, so that only the field under test is wrong."""
    return f"Phản ánh kiểm thử tự động ({marker()})"


def contact():
    """Made-up, ASCII-only contact details, unique per call so a stray copy is easy to spot."""
    tag = secrets.token_hex(4)
    return {"email": f"nguoidan.{tag}@example.com", "phone": f"09{secrets.randbelow(10 ** 8):08d}",
            "first_name": f"Lan{tag}", "last_name": f"Tran{tag}"}


def file_request(open311, api_key, fmt="json", service_code="chieu-sang", location=SAIGON, **fields):
    """POST requests.{fmt}; returns (the one answer record as a dict, the raw answer)."""
    form = {"api_key": api_key, "service_code": service_code, **location, **fields}
    answer = call(f"{open311}/requests.{fmt}", fields=form)
    assert answer.status == 201, (answer.status, answer.body[:500])
    items = records(answer, fmt)
    assert len(items) == 1, items
    created = items[0]
    assert isinstance(created["service_request_id"], str) and created["service_request_id"], created
    assert isinstance(created.get("token"), str) and created["token"], created
    assert "service_notice" in created, created
    return created, answer


def recent(open311, service_code, since, until):
    """Every request of `service_code` requested in [since, until], all pages, as JSON."""
    items, page = [], 1
    while True:
        answer = call(url(open311, "requests.json", service_code=service_code, start_date=w3c(since),
                          end_date=w3c(until), page_size=1000, page=page))
        batch = records(answer, "json")
        items += batch
        if len(batch) < 1000:
            return items
        page += 1


@pytest.fixture(scope="session")
def saigon_report(open311, api_key):
    """One street-lighting report in central Saigon with every contact field, shared by read-only tests."""
    details = contact()
    before = datetime.now(timezone.utc)
    # Vietnamese text plus characters that JSON and XML must escape.
    text = f'Đèn đường tắt cả tuần <trước> số 5 & 7 "Lê Lợi" ({marker()})'
    created, answer = file_request(open311, api_key, description=text, device_id=f"dev-{marker()}", **details)
    return {"id": created["service_request_id"], "token": created["token"], "created": created,
            "answer": answer, "contact": details, "description": text,
            "before": before, "after": datetime.now(timezone.utc)}


# --- services -----------------------------------------------------------------------------------

def test_service_list_through_georeport(client, fmt):
    services = client.get_service_list()
    assert isinstance(services, list) and len(services) >= len(SERVICE_CODES)
    by_code = {service["service_code"]: service for service in services}
    assert SERVICE_CODES <= set(by_code), sorted(by_code)
    yes, no = (True, False) if fmt == "json" else ("true", "false")
    for service in services:
        for field in ("service_code", "service_name", "description", "metadata", "type", "keywords", "group"):
            assert field in service, (field, service)
        assert service["type"] == "realtime", service
        assert service["metadata"] in (yes, no), service
        name = service["service_name"]
        assert name and any(ord(letter) > 127 for letter in name), f"not a Vietnamese name: {name!r}"
    assert by_code["chieu-sang"]["metadata"] == no
    assert by_code["ha-tang"]["metadata"] == yes


def attributes_of(definition, fmt):
    """The attribute list of a service definition, with XML's wrappers and strings unwrapped."""
    if fmt == "json":
        return definition["attributes"]
    attributes = []
    for attribute in as_list((definition.get("attributes") or {}).get("attribute")):
        attribute = dict(attribute)
        attribute["variable"] = {"true": True, "false": False}[attribute["variable"]]
        attribute["required"] = {"true": True, "false": False}[attribute["required"]]
        attribute["order"] = int(attribute["order"])
        attribute["values"] = as_list((attribute.get("values") or {}).get("value"))
        attributes.append(attribute)
    return attributes


def test_service_definition_of_ha_tang(client, fmt):
    definition = client.get_service_definition("ha-tang")
    assert definition["service_code"] == "ha-tang"
    attributes = attributes_of(definition, fmt)
    assert attributes, definition
    for attribute in attributes:
        assert attribute["variable"] is True, attribute
        assert attribute["datatype"] in DATATYPES, attribute
        assert isinstance(attribute["required"], bool), attribute
        assert isinstance(attribute["order"], int) and not isinstance(attribute["order"], bool), attribute
        assert attribute["code"] and attribute["description"], attribute
        assert "datatype_description" in attribute, attribute
        if attribute["datatype"].endswith("valuelist"):
            assert attribute["values"] and all(value["key"] and value["name"] for value in attribute["values"]), attribute
    assert len({attribute["order"] for attribute in attributes}) == len(attributes), "orders repeat"
    severity = next(attribute for attribute in attributes if attribute["code"] == "muc-do")
    assert severity["datatype"] == "singlevaluelist" and severity["required"] is True
    assert {value["key"] for value in severity["values"]} == {"nguy-hiem", "binh-thuong"}


def test_every_service_with_metadata_has_attributes(open311):
    client = GeoReport(open311)
    for service in client.get_service_list():
        if service["metadata"]:
            assert client.get_service_definition(service["service_code"])["attributes"], service["service_code"]


def test_unknown_service_definition_is_404(client, fmt):
    with pytest.raises(requests.HTTPError) as excinfo:
        client.get_service_definition("khong-co-dich-vu-nay")
    assert http_status(excinfo) == 404
    response = excinfo.value.response
    open311_errors(Answer(response.status_code, response.headers.get("Content-Type", ""), response.content), fmt, 404)


# --- filing and reading back -------------------------------------------------------------------------

def same_value(field, from_json, from_xml):
    if from_json is None:
        return from_xml in (None, "")
    if field in ("lat", "long"):
        return from_xml is not None and abs(float(from_xml) - from_json) < 1e-9
    return from_xml == str(from_json)


def check_request_record(record, *, service_code):
    """A JSON request record as the contract describes it (contact details never included)."""
    for field in REQUEST_FIELDS:
        assert field in record, (field, record)
    for field in CONTACT_FIELDS:
        assert field not in record, (field, record)
    assert "extended_attributes" not in record, record
    assert isinstance(record["service_request_id"], str)
    assert record["status"] in ("open", "closed"), record
    assert record["service_code"] == service_code
    assert record["service_name"]
    assert VIETNAM_TIME.fullmatch(record["requested_datetime"] or ""), record["requested_datetime"]
    for field in ("updated_datetime", "expected_datetime"):
        assert record[field] is None or VIETNAM_TIME.fullmatch(record[field]), (field, record[field])
    for field in ("lat", "long"):
        assert record[field] is None or (isinstance(record[field], (int, float)) and not isinstance(record[field], bool)), record


@pytest.mark.parametrize("post_format", FORMATS)
def test_file_with_lat_long_and_read_it_back_through_georeport(open311, api_key, post_format):
    text = f"Ổ gà sâu 30 cm trước số 12 Lê Thánh Tôn, xe máy té ({marker()})"
    before = datetime.now(timezone.utc)
    created, _ = file_request(open311, api_key, post_format, service_code="ha-tang",
                              description=text, **{"attribute[muc-do]": "nguy-hiem"})
    if post_format == "json":
        assert created.get("account_id", "absent") is None, created
    request_id = created["service_request_id"]

    from_json = GeoReport(open311).get_service_request(request_id)
    from_xml = GeoReport(open311, output_format="xml").get_service_request(request_id)
    check_request_record(from_json, service_code="ha-tang")
    assert from_json["service_request_id"] == request_id
    assert from_json["description"] == text
    assert from_json["status"] == "open"
    assert abs(from_json["lat"] - 10.7769) < 1e-9 and abs(from_json["long"] - 106.7009) < 1e-9
    assert from_json["agency_responsible"] == "Ủy ban nhân dân Phường Sài Gòn", from_json["agency_responsible"]
    requested = datetime.fromisoformat(from_json["requested_datetime"])
    assert before - timedelta(seconds=5) <= requested <= datetime.now(timezone.utc) + timedelta(seconds=5)
    for field in REQUEST_FIELDS:
        assert same_value(field, from_json[field], from_xml.get(field)), (field, from_json[field], from_xml.get(field))
    for field in CONTACT_FIELDS + ("extended_attributes",):
        assert field not in from_xml, (field, from_xml)


def test_file_with_an_address_only(open311, api_key):
    address = f"Số 86 Lê Thánh Tôn, Phường Sài Gòn ({marker()})"
    created, _ = file_request(open311, api_key, service_code="cay-xanh", location={"address_string": address},
                              description="Cây dầu nghiêng sát nhà dân")
    record = GeoReport(open311).get_service_request(created["service_request_id"])
    check_request_record(record, service_code="cay-xanh")
    assert record["address"] == address


def test_media_url_and_account_id_are_accepted(open311, api_key):
    media = f"https://example.com/anh/{marker()}.jpg"
    created, _ = file_request(open311, api_key, service_code="ve-sinh-moi-truong", media_url=media,
                              account_id=f"acc-{marker()}", device_id=f"dev-{marker()}",
                              description="Rác đổ trộm ở góc đường")
    record = GeoReport(open311).get_service_request(created["service_request_id"])
    assert record["media_url"] == media


@pytest.mark.parametrize("post_format", FORMATS)
def test_a_required_attribute_must_be_given(open311, api_key, post_format):
    form = {"api_key": api_key, "service_code": "ha-tang", **SAIGON, "description": f"Sụt lún mặt đường ({marker()})"}
    answer = call(f"{open311}/requests.{post_format}", fields=form)
    open311_errors(answer, post_format, 400)
    answer = call(f"{open311}/requests.{post_format}", fields={**form, "attribute[muc-do]": ""})
    open311_errors(answer, post_format, 400)
    file_request(open311, api_key, post_format, service_code="ha-tang", description=form["description"],
                 **{"attribute[muc-do]": "binh-thuong"})


def test_boundary_coordinates_are_in_range(open311, api_key):
    """-90/-180 are valid coordinates (far outside the city, so the 1022 operators get it)."""
    file_request(open311, api_key, location={"lat": "-90", "long": "-180"}, description=description())


@pytest.mark.parametrize("post_format", FORMATS)
@pytest.mark.parametrize("location", [
    {"lat": "90.0001", "long": "106.7"}, {"lat": "-90.5", "long": "106.7"}, {"lat": "10.77", "long": "180.5"},
    {"lat": "10.77", "long": "-181"}, {"lat": "nan", "long": "106.7"}, {"lat": "10.77", "long": "inf"},
], ids=lambda location: f"{location['lat']},{location['long']}")
def test_coordinates_out_of_range_are_400(open311, api_key, post_format, location):
    form = {"api_key": api_key, "service_code": "chieu-sang", "description": description(), **location}
    open311_errors(call(f"{open311}/requests.{post_format}", fields=form), post_format, 400)


@pytest.mark.parametrize("post_format", FORMATS)
@pytest.mark.parametrize("location", [{}, {"lat": "10.7769"}, {"long": "106.7009"}, {"lat": "", "long": ""},
                                      {"lat": "abc", "long": "xyz"}, {"address_string": ""}],
                         ids=["none", "lat-only", "long-only", "empty", "not-numbers", "empty-address"])
def test_a_location_is_required(open311, api_key, post_format, location):
    form = {"api_key": api_key, "service_code": "chieu-sang", "description": description(), **location}
    open311_errors(call(f"{open311}/requests.{post_format}", fields=form), post_format, 400)


@pytest.mark.parametrize("post_format", FORMATS)
def test_unknown_or_missing_service_code_is_400(open311, api_key, post_format):
    for form in ({"service_code": "khong-co-dich-vu-nay"}, {}):
        answer = call(f"{open311}/requests.{post_format}",
                      fields={"api_key": api_key, **SAIGON, "description": description(), **form})
        open311_errors(answer, post_format, 400)


@pytest.mark.parametrize("post_format", FORMATS)
def test_malformed_form_bodies_are_400(open311, api_key, post_format):
    good = urllib.parse.urlencode({"api_key": api_key, "service_code": "chieu-sang", **SAIGON})
    # A lenient decoder that keeps or drops the broken escape would file the request: 201 fails here.
    for tail in ("%E1%BB", "%ZZhong", "%FF%FEabc", "%"):
        tail = "&description=" + urllib.parse.quote_plus(description()) + tail
        answer = call(f"{open311}/requests.{post_format}", body=(good + tail).encode("ascii"))
        open311_errors(answer, post_format, 400)


@pytest.mark.parametrize("post_format", FORMATS)
def test_a_json_body_is_not_a_form(open311, api_key, post_format):
    body = json.dumps({"api_key": api_key, "service_code": "chieu-sang", **SAIGON, "description": description()}).encode()
    answer = call(f"{open311}/requests.{post_format}", body=body, content_type="application/json")
    assert answer.status in (400, 403, 415), (answer.status, answer.body[:300])
    open311_errors(answer, post_format, answer.status)


def test_wrong_or_missing_api_key_is_403_and_stores_nothing(open311, api_key):
    since = datetime.now(timezone.utc) - timedelta(minutes=2)
    until = datetime.now(timezone.utc) + timedelta(hours=1)
    before = {item["service_request_id"] for item in recent(open311, "giao-thong", since, until)}
    tag = marker()
    wrong_keys = [None, "", f"sai-{secrets.token_hex(8)}", api_key + "x", api_key[:-1]]
    if api_key.swapcase() != api_key:
        wrong_keys.append(api_key.swapcase())
    for key in wrong_keys:
        for post_format in FORMATS:
            form = {"service_code": "giao-thong", **SAIGON, "description": f"Đèn giao thông hỏng ({tag})"}
            if key is not None:
                form["api_key"] = key
            open311_errors(call(f"{open311}/requests.{post_format}", fields=form), post_format, 403)
    after = recent(open311, "giao-thong", since, until)
    assert {item["service_request_id"] for item in after} == before
    assert not any(tag in (item.get("description") or "") for item in after)


@pytest.mark.parametrize("case", ["unknown-service", "wrong-key", "unknown-request", "unknown-token",
                                  "wrong-jurisdiction"])
def test_xml_errors_have_code_and_description(open311, api_key, case):
    form = {"api_key": api_key, "service_code": "chieu-sang", **SAIGON, "description": description()}
    if case == "unknown-service":
        answer, status = call(f"{open311}/requests.xml", fields={**form, "service_code": "khong-co"}), 400
    elif case == "wrong-key":
        answer, status = call(f"{open311}/requests.xml", fields={**form, "api_key": "sai"}), 403
    elif case == "unknown-request":
        answer, status = call(f"{open311}/requests/999999999.xml"), 404
    elif case == "unknown-token":
        answer, status = call(f"{open311}/tokens/khong-co-token-nay.xml"), 404
    else:
        answer, status = call(url(open311, "services.xml", jurisdiction_id=OTHER_JURISDICTION)), 404
    assert answer.body.startswith(b"<?xml"), answer.body[:200]
    pairs = open311_errors(answer, "xml", status)
    assert len(pairs) >= 1


# --- reading ------------------------------------------------------------------------------------

def test_unknown_request_is_404(client, fmt):
    for request_id in ("999999999", "khong-co"):
        with pytest.raises(requests.HTTPError) as excinfo:
            client.get_service_request(request_id)
        assert http_status(excinfo) == 404
        response = excinfo.value.response
        open311_errors(Answer(404, response.headers.get("Content-Type", ""), response.content), fmt, 404)


def test_single_request_is_a_one_element_list(open311, saigon_report):
    assert len(records(call(f"{open311}/requests/{saigon_report['id']}.json"), "json")) == 1
    assert len(records(call(f"{open311}/requests/{saigon_report['id']}.xml"), "xml")) == 1


def test_request_list_filters_through_georeport(open311, api_key, client):
    tag = marker()
    lamp, _ = file_request(open311, api_key, service_code="chieu-sang", description=f"Đèn chập chờn ({tag})")
    pothole, _ = file_request(open311, api_key, service_code="ha-tang", description=f"Nắp cống mất ({tag})",
                              **{"attribute[muc-do]": "nguy-hiem"})
    ids = {lamp["service_request_id"], pothole["service_request_id"]}
    now = datetime.now(timezone.utc)
    window = {"start_date": w3c(now - timedelta(minutes=3)), "end_date": vietnam(now + timedelta(minutes=3))}

    by_id = listed(client, service_request_id=",".join(sorted(ids)))
    assert {item["service_request_id"] for item in by_id} == ids
    one = listed(client, service_request_id=pothole["service_request_id"])
    assert [item["service_request_id"] for item in one] == [pothole["service_request_id"]]

    ha_tang = listed(client, service_code="ha-tang", **window)
    assert pothole["service_request_id"] in {item["service_request_id"] for item in ha_tang}
    assert all(item["service_code"] == "ha-tang" for item in ha_tang)
    both = listed(client, service_code="ha-tang,chieu-sang", **window)
    assert ids <= {item["service_request_id"] for item in both}
    assert {item["service_code"] for item in both} <= {"ha-tang", "chieu-sang"}

    opened = listed(client, service_code="ha-tang,chieu-sang", status="open", **window)
    assert ids <= {item["service_request_id"] for item in opened}
    assert all(item["status"] == "open" for item in opened)
    closed = listed(client, service_code="ha-tang,chieu-sang", status="closed", **window)
    assert not ids & {item["service_request_id"] for item in closed}
    assert all(item["status"] == "closed" for item in closed)
    either = listed(client, service_code="ha-tang,chieu-sang", status="open,closed", **window)
    assert ids <= {item["service_request_id"] for item in either}

    later = listed(client, service_code="ha-tang,chieu-sang", start_date=vietnam(now + timedelta(hours=1)),
                   end_date=w3c(now + timedelta(hours=2)))
    assert not ids & {item["service_request_id"] for item in later}
    earlier = listed(client, service_code="ha-tang,chieu-sang", start_date=w3c(now - timedelta(days=2)),
                     end_date=vietnam(now - timedelta(days=1)))
    assert not ids & {item["service_request_id"] for item in earlier}
    for item in either + earlier:
        for field in CONTACT_FIELDS + ("extended_attributes",):
            assert field not in item, (field, item)


def test_default_list_is_the_last_90_days_and_at_most_1000(open311):
    """The spec's default volume: the period's first 1000 requests; a client that pages gets 50 a page."""
    answer = call(f"{open311}/requests.json")
    items = records(answer, "json")
    assert len(items) <= 1000
    oldest_allowed = datetime.now(timezone.utc) - timedelta(days=90, hours=1)
    for item in items:
        check_request_record(item, service_code=item["service_code"])
        assert datetime.fromisoformat(item["requested_datetime"]) >= oldest_allowed, item["requested_datetime"]
    first_page = records(call(url(open311, "requests.json", page=1)), "json")
    assert len(first_page) == min(50, len(items))
    assert [item["service_request_id"] for item in first_page] == [item["service_request_id"] for item in items[:50]]


def test_paging(open311, api_key):
    since = datetime.now(timezone.utc) - timedelta(seconds=5)
    tag = marker()
    filed = {file_request(open311, api_key, service_code="cap-nuoc", description=f"Vỡ ống nước số {n} ({tag})")[0]
             ["service_request_id"] for n in range(3)}
    until = datetime.now(timezone.utc) + timedelta(minutes=1)
    everything = [item["service_request_id"] for item in recent(open311, "cap-nuoc", since, until)]
    assert filed <= set(everything) and len(everything) == len(set(everything))
    seen, page = [], 1
    while True:
        answer = call(url(open311, "requests.json", service_code="cap-nuoc", start_date=w3c(since),
                          end_date=w3c(until), page_size=2, page=page))
        batch = [item["service_request_id"] for item in records(answer, "json")]
        assert len(batch) <= 2
        if page == 1:
            assert len(batch) == 2
        seen += batch
        if len(batch) < 2:
            break
        page += 1
    assert len(seen) == len(set(seen)), "a request appears on two pages"
    assert set(seen) == set(everything)
    beyond = call(url(open311, "requests.json", service_code="cap-nuoc", start_date=w3c(since),
                      end_date=w3c(until), page_size=2, page=page + 5))
    assert records(beyond, "json") == []
    xml_page = call(url(open311, "requests.xml", service_code="cap-nuoc", start_date=w3c(since),
                        end_date=w3c(until), page_size=1, page=2))
    assert len(records(xml_page, "xml")) == 1
    too_big = call(url(open311, "requests.json", page_size=1001))
    if too_big.status == 200:
        assert len(too_big.json()) <= 1000
    else:
        open311_errors(too_big, "json", 400)


# --- extensions, routing, privacy ------------------------------------------------------------------

def check_extensions(record):
    extended = record["extended_attributes"]
    assert extended["haicap_status"] in HAICAP_STATUSES, extended
    for field in ("ward_code", "ward_name", "overdue", "boundary_approximate", "updates"):
        assert field in extended, (field, extended)
    assert isinstance(extended["overdue"], bool) and isinstance(extended["boundary_approximate"], bool), extended
    assert isinstance(extended["updates"], list), extended
    for update in extended["updates"]:
        assert VIETNAM_TIME.fullmatch(update["datetime"]), update
        assert update["status"] and "description" in update, update
    return extended


def test_extensions_add_extended_attributes(open311, saigon_report):
    request_id = saigon_report["id"]
    plain = records(call(f"{open311}/requests/{request_id}.json"), "json")[0]
    assert "extended_attributes" not in plain
    for address in (url(open311, f"requests/{request_id}.json", extensions="true"),
                    url(open311, "requests.json", service_request_id=request_id, extensions="true")):
        items = records(call(address), "json")
        assert [item["service_request_id"] for item in items] == [request_id]
        extended = check_extensions(items[0])
        assert str(extended["ward_code"]) == "26740", extended
        assert "Sài Gòn" in unicodedata.normalize("NFC", extended["ward_name"]), extended
        assert extended["overdue"] is False
    plain_list = records(call(url(open311, "requests.json", service_request_id=request_id)), "json")
    assert "extended_attributes" not in plain_list[0]

    with_xml = call(url(open311, f"requests/{request_id}.xml", extensions="true")).xml().find("request")
    assert with_xml.find("extended_attributes") is not None, ET.tostring(with_xml)
    assert with_xml.findtext("extended_attributes/haicap_status") in HAICAP_STATUSES
    without_xml = call(f"{open311}/requests/{request_id}.xml").xml().find("request")
    assert without_xml.find("extended_attributes") is None


def test_a_point_in_the_sea_goes_to_the_1022_operators(open311, api_key):
    created, _ = file_request(open311, api_key, service_code="trat-tu-do-thi", location=OPEN_SEA,
                              description=f"Lấn chiếm bãi bồi ({marker()})")
    items = records(call(url(open311, f"requests/{created['service_request_id']}.json", extensions="true")), "json")
    assert unicodedata.normalize("NFC", items[0]["agency_responsible"]) == "Tổng đài 1022", items[0]
    assert check_extensions(items[0])["ward_code"] is None


def test_saigon_report_goes_to_the_ward(open311, saigon_report):
    record = GeoReport(open311).get_service_request(saigon_report["id"])
    check_request_record(record, service_code="chieu-sang")
    assert record["agency_responsible"] == "Ủy ban nhân dân Phường Sài Gòn", record
    assert record["description"] == saigon_report["description"]
    assert GeoReport(open311, output_format="xml").get_service_request(saigon_report["id"])["description"] \
        == saigon_report["description"]


def test_contact_details_never_appear(open311, api_key, saigon_report):
    request_id, token = saigon_report["id"], urllib.parse.quote(saigon_report["token"], safe="")
    xml_details = contact()
    _, xml_answer = file_request(open311, api_key, "xml", description=f"Đèn hỏng ({marker()})", **xml_details)
    answers = [saigon_report["answer"], xml_answer]
    for fmt in FORMATS:
        answers += [call(f"{open311}/requests/{request_id}.{fmt}"),
                    call(url(open311, f"requests/{request_id}.{fmt}", extensions="true")),
                    call(url(open311, f"requests.{fmt}", service_request_id=request_id, extensions="true")),
                    call(url(open311, f"requests.{fmt}", service_code="chieu-sang", extensions="true", page_size=1000,
                             start_date=w3c(saigon_report["before"] - timedelta(minutes=1)),
                             end_date=w3c(datetime.now(timezone.utc) + timedelta(minutes=1)))),
                    call(f"{open311}/tokens/{token}.{fmt}")]
    for answer in answers:
        assert answer.status in (200, 201), (answer.status, answer.body[:300])
        for details in (saigon_report["contact"], xml_details):
            for field, value in details.items():
                assert value not in answer.text, f"{field} {value!r} leaked: {answer.body[:300]!r}"
        if "json" in answer.content_type:
            for item in answer.json():
                assert not set(CONTACT_FIELDS) & set(item), item
        else:
            for item in answer.xml():
                assert not {child.tag for child in item} & set(CONTACT_FIELDS), ET.tostring(item)


# --- jurisdiction and tokens ----------------------------------------------------------------------

def test_the_city_jurisdiction_is_accepted(open311, api_key, saigon_report, fmt):
    client = GeoReport(open311, jurisdiction=JURISDICTION, output_format=fmt)
    assert SERVICE_CODES <= {service["service_code"] for service in client.get_service_list()}
    assert client.get_service_definition("ha-tang")["service_code"] == "ha-tang"
    assert client.get_service_request(saigon_report["id"])["service_request_id"] == saigon_report["id"]
    assert [item["service_request_id"] for item in listed(client, service_request_id=saigon_report["id"])] \
        == [saigon_report["id"]]
    token = urllib.parse.quote(saigon_report["token"], safe="")
    assert call(url(open311, f"tokens/{token}.{fmt}", jurisdiction_id=JURISDICTION)).status == 200
    file_request(open311, api_key, fmt, jurisdiction_id=JURISDICTION, description=description())


def test_another_jurisdiction_is_404(open311, api_key, saigon_report, fmt):
    client = GeoReport(open311, jurisdiction=OTHER_JURISDICTION, output_format=fmt)
    for read in (client.get_service_list, lambda: client.get_service_definition("ha-tang"),
                 client.get_service_requests, lambda: client.get_service_request(saigon_report["id"])):
        with pytest.raises(requests.HTTPError) as excinfo:
            read()
        assert http_status(excinfo) == 404, excinfo.value.response.url
        response = excinfo.value.response
        open311_errors(Answer(404, response.headers.get("Content-Type", ""), response.content), fmt, 404)
    token = urllib.parse.quote(saigon_report["token"], safe="")
    open311_errors(call(url(open311, f"tokens/{token}.{fmt}", jurisdiction_id=OTHER_JURISDICTION)), fmt, 404)
    form = {"api_key": api_key, "service_code": "chieu-sang", **SAIGON, "description": description(),
            "jurisdiction_id": OTHER_JURISDICTION}
    open311_errors(call(f"{open311}/requests.{fmt}", fields=form), fmt, 404)


def test_tokens(open311, saigon_report, fmt):
    token = saigon_report["token"]
    items = records(call(f"{open311}/tokens/{urllib.parse.quote(token, safe='')}.{fmt}"), fmt)
    assert items == [{"service_request_id": saigon_report["id"], "token": token}], items
    open311_errors(call(f"{open311}/tokens/khong-co-token-nay.{fmt}"), fmt, 404)


def test_characters_xml_forbids_never_break_the_feed(open311, api_key):
    """U+FFFF, U+FFFE and C0 controls in a report (issue 10): the feed stays readable by georeport's XML parser."""
    created, _ = file_request(open311, api_key, description="Đèn hỏng \uffff\ufffe\x01\x08 trước số 9, đã ba đêm liền")
    request_id = created["service_request_id"]
    from_xml = GeoReport(open311, output_format="xml").get_service_request(request_id)
    assert from_xml["description"] == "Đèn hỏng  trước số 9, đã ba đêm liền", from_xml
    feed = call(url(open311, "requests.xml", page_size=50))
    assert any(record["service_request_id"] == request_id for record in xml_records(feed))
    assert as_list(GeoReport(open311, output_format="xml").get_service_requests(service_request_id=request_id))
