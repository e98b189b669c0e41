"""The JSON API used from a logged-in browser: session cookie plus CSRF header, and the admin's self-protection.

Needs HAICAP_URL (see conftest.py). Changes nothing on the server: every write here is refused.
"""
from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in


def logged_in_admin(page):
    page.goto("/dang-nhap")
    log_in(page, "admin", DEMO_PASSWORD)
    # Administrators land on the administration index.
    expect(page.get_by_role("heading", level=1)).to_have_text("Quản trị hệ thống")
    # Signed in, the CSRF token is the session's own, carried by every form of the page.
    csrf = page.locator("input[name=_csrf]").first.get_attribute("value")
    assert csrf and csrf != next(c["value"] for c in page.context.cookies() if c["name"] == "haicap_csrf")
    return page.context.request, csrf


def test_me_with_session_cookie(page):
    api, _ = logged_in_admin(page)
    response = api.get("/api/v1/me")
    assert response.status == 200
    body = response.json()
    assert body["username"] == "admin"
    assert body["role"] == "admin"
    assert body["seesWholeCity"] is True


def test_session_writes_need_the_csrf_header_and_admin_cannot_disable_itself(page):
    api, csrf = logged_in_admin(page)
    users = api.get("/api/v1/users", params={"q": "admin"}).json()["items"]
    admin_id = next(user["id"] for user in users if user["username"] == "admin")

    without = api.patch(f"/api/v1/users/{admin_id}", data={"disabled": True})
    assert without.status == 403
    assert without.json()["error"]["code"] == "auth.csrf"

    for change in ({"disabled": True}, {"role": "officer"}):
        refused = api.patch(f"/api/v1/users/{admin_id}", data=change, headers={"X-CSRF-Token": csrf})
        assert refused.status == 409, refused.text()
        assert refused.json()["error"]["code"] == "user.self"

    me = api.get(f"/api/v1/users/{admin_id}").json()
    assert me["disabled"] is False and me["role"] == "admin"


def test_oversized_json_body_is_refused_with_413(page):
    """Bodies over the 24 MiB upload limit get 413 and the JSON error body, not a 500."""
    api, csrf = logged_in_admin(page)
    too_big = '{"username": "hcdc", "name": "' + "x" * (25 * 1024 * 1024) + '"}'
    response = api.post("/api/v1/tokens", data=too_big,
                        headers={"Content-Type": "application/json", "X-CSRF-Token": csrf})
    assert response.status == 413, response.text()[:300]
    error = response.json()["error"]
    assert error["code"] != "internal" and error["message"]
