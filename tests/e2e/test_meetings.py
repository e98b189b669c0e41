"""Meetings from outside: invitations through a real SMTP server (aiosmtpd) that is down when they
are queued, the ICS read by icalendar and its series expanded by recurring-ical-events against
HaiCap's own occurrences, the Jitsi token checked by PyJWT, the reservation endpoint fed what
Prosody's mod_reservations sends, and a browser scheduling a meeting to the waiting room.

Needs HAICAP_URL and HAICAP_TOKEN (an administrator's), HAICAP_SMTP_PORT (the port HaiCap's
HAICAP_SMTP_URL points at, with nothing listening when the server starts), HAICAP_JITSI_SECRET and
HAICAP_JITSI_RESERVATION_TOKEN as the server was given.
"""
import email
import email.policy
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import jwt
import pytest
import recurring_ical_events
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def env(name):
    value = os.environ.get(name)
    if not value:
        pytest.skip(f"{name} is not set")
    return value


def call(base_url, method, path, token=None, body=None, form=None, headers=None):
    data, all_headers = None, dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture(scope="module")
def api(base_url):
    token = env("HAICAP_TOKEN")
    return lambda method, path, **kw: call(base_url, method, path, token=token, **kw)


def free_slot(api, units, minutes=60):
    status, body = api("GET", f"/api/v1/meetings/free-slots?units={','.join(units)}&minutes={minutes}&days=10")
    assert status == 200, body
    slots = json.loads(body)["slots"]
    assert slots and json.loads(body)["allFree"]
    return slots[0]


def test_invitations_wait_for_smtp_then_arrive_once_and_the_series_expands_like_haicap(api, base_url):
    port = int(env("HAICAP_SMTP_PORT"))
    slot = free_slot(api, ["27316", "26743"])
    start = datetime.fromisoformat(slot["start"])
    guests = [f"khach{i}@example.vn" for i in range(3)]
    status, body = api("POST", "/api/v1/meetings", body={
        "title": "Giao ban trực tuyến thử nghiệm",
        "start": slot["start"], "end": slot["end"], "units": ["27316", "26743"],
        "participants": [{"name": f"Khách mời {i}", "email": mail} for i, mail in enumerate(guests)],
        "recurrence": "FREQ=WEEKLY;COUNT=8", "dayOff": "doi-ngay", "invite": True,
    })
    assert status == 201, body
    created = json.loads(body)
    assert created["invitations"] == 3
    time.sleep(3)  # the relay is down: every attempt so far failed, the messages wait in the outbox
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        deadline = time.time() + 90
        while len(inbox.messages) < 3 and time.time() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # nothing more may come
    finally:
        controller.stop()
    recipients = sorted(r for rcpts, _ in inbox.messages for r in rcpts)
    assert recipients == sorted(guests), recipients
    for _, raw in inbox.messages:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["Subject"] == "Giấy mời họp: Giao ban trực tuyến thử nghiệm"
        parts = {part.get_content_type(): part for part in message.walk()}
        calendar_part = parts["text/calendar"]
        assert calendar_part.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(calendar_part.get_content())
        events = [c for c in calendar.walk("VEVENT")]
        assert str(events[0]["UID"]) == f"meeting-{created['id']}@haicap"
        attendees = [str(a) for e in events[:1] for a in e.get("ATTENDEE")]
        assert sum(a.startswith("urn:haicap:room:") for a in attendees) == 2
        expanded = recurring_ical_events.of(calendar).between(start - timedelta(days=1), start + timedelta(days=70))
        status, body = api("GET", f"/api/v1/meetings/{created['id']}")
        held = [o for o in json.loads(body)["occurrences"] if o["state"] not in ("skipped", "cancelled")]
        theirs = sorted(e["DTSTART"].dt.astimezone(HCM) for e in expanded)
        ours = sorted(datetime.fromisoformat(o["start"]) for o in held)
        assert theirs == ours
        assert "/hop/khach/" in message.get_body(preferencelist=("plain",)).get_content()


def test_join_token_is_a_valid_jwt_and_the_reservation_endpoint_answers_prosody(api, base_url):
    secret = env("HAICAP_JITSI_SECRET")
    reservation = env("HAICAP_JITSI_RESERVATION_TOKEN")
    now = datetime.now(HCM)
    # A meeting under way now (whatever the hour): a named group, no rooms to clash with.
    status, body = api("POST", "/api/v1/meetings", body={
        "title": "Họp khẩn", "start": (now - timedelta(minutes=5)).isoformat(), "end": (now + timedelta(minutes=55)).isoformat(),
        "units": [], "participants": [{"name": "Chuyên gia", "email": "chuyengia@example.vn"}], "invite": False,
    })
    assert status == 201, body
    meeting = json.loads(body)
    status, body = api("POST", f"/api/v1/meetings/{meeting['id']}/join")
    assert status == 200, body
    joined = json.loads(body)
    claims = jwt.decode(joined["token"], secret, algorithms=["HS256"], audience="jitsi", issuer="haicap")
    assert claims["room"] == meeting["room"] and claims["moderator"] is True
    assert claims["exp"] - claims["nbf"] == (60 + 15 + 30) * 60
    assert joined["url"].endswith("?jwt=" + joined["token"])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(joined["token"], "khac" * 10, algorithms=["HS256"], audience="jitsi")

    prosody = {"Authorization": f"Bearer {reservation}"}
    form = {"name": meeting["room"], "start_time": datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S.000Z"), "mail_owner": "host@example.vn"}
    status, body = call(base_url, "POST", "/jitsi/conference", form=form)
    assert status == 401
    status, body = call(base_url, "POST", "/jitsi/conference", form=form, headers=prosody)
    assert status == 200, body
    opened = json.loads(body)
    assert opened["name"] == meeting["room"] and 0 < opened["duration"] <= (55 + 30) * 60
    status, body = call(base_url, "POST", "/jitsi/conference", form=form, headers=prosody)
    assert status == 409 and json.loads(body)["conflict_id"] == opened["id"]
    status, _ = call(base_url, "DELETE", f"/jitsi/conference/{opened['id']}", headers=prosody)
    assert status == 200
    status, _ = api("POST", f"/api/v1/meetings/{meeting['id']}/actions/close")
    assert status == 200
    status, body = call(base_url, "POST", "/jitsi/conference", form=form, headers=prosody)
    assert status == 403 and "kết thúc" in json.loads(body)["message"]
    status, body = call(base_url, "POST", "/jitsi/conference", form={"name": "hop-khong-co"}, headers=prosody)
    assert status == 403


def test_a_department_schedules_in_the_browser_and_reaches_the_waiting_room(browser, base_url, api, screenshot):
    slot = free_slot(api, ["26737"], minutes=90)
    start = datetime.fromisoformat(slot["start"])
    page = browser.new_context(base_url=base_url, locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    page.set_default_timeout(20_000)
    page.goto("/dang-nhap")
    log_in(page, "so.xaydung", DEMO_PASSWORD)
    page.goto("/hop/moi")
    page.locator("#title").fill("Triển khai cấp phép xây dựng cấp xã")
    page.locator("#day").fill(start.strftime("%d/%m/%Y"))
    page.locator("#from").fill(start.strftime("%H:%M"))
    page.locator("#to").fill((start + timedelta(minutes=90)).strftime("%H:%M"))
    page.locator("#units").select_option(["26737"])
    page.locator("#participants").fill("Nguyễn Văn Khách <khach.trinh@example.vn>")
    page.get_by_role("button", name="Lên lịch", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Triển khai cấp phép xây dựng cấp xã")
    expect(page.get_by_role("status").first).to_contain_text("Đã lên lịch họp")
    expect(page.locator("#countdown")).to_contain_text("Phòng họp mở")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "T" not in page.locator("#phong-cho").inner_text().split("Buổi họp:")[1][:20]
    screenshot(page, "meeting-waiting-room.png")
    # A bad form: every problem next to its field, nothing saved.
    page.goto("/hop/moi")
    page.locator("#title").fill("   ")
    page.locator("#day").fill("31/02/2026")
    page.get_by_role("button", name="Lên lịch", exact=True).click()
    expect(page.locator(".field-error").first).to_be_visible()
    assert page.locator(".alert").inner_text().count("\n") >= 1
