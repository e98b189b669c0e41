"""Headless Chromium against a running HaiCap server (demo mode): what a citizen or an official sees.

Run: HAICAP_URL=http://127.0.0.1:PORT python -m pytest -q tests/e2e
(fixtures and the other environment variables are described in conftest.py).
"""
import json
import re
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in

DEMO_USERS = [
    "admin", "lanhdao.tandinh", "motcua.tandinh", "chuyenvien.tandinh", "vanthu.tandinh",
    "motcua.benthanh", "so.xaydung", "hotro.cds", "hcdc", "buudien",
]
ADMIN_TASKS = [
    "Quản lý người dùng",
    "Quản lý cơ quan và mã định danh",
    "Token API cho hệ thống kết nối",
    "Nhật ký kiểm toán",
]
SKIP_LINK = "Bỏ qua, đến nội dung chính"


def unit_rows(page):
    return page.locator("table.list tbody tr")


def search_units(page, query, type_value=""):
    page.get_by_label("Tìm theo tên (có dấu hoặc không dấu)").fill(query)
    page.get_by_label("Loại đơn vị").select_option(type_value)
    with page.expect_navigation():
        page.get_by_role("button", name="Tìm", exact=True).click()


def test_directory_lists_all_168_units(page):
    page.goto("/don-vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Danh bạ đơn vị hành chính")
    expect(page.locator("p.lead")).to_contain_text("168 đơn vị hành chính")
    expect(page.get_by_text("Tìm thấy 168 đơn vị.")).to_be_visible()
    expect(unit_rows(page)).to_have_count(168)


def test_directory_search_without_diacritics(page, screenshot):
    page.goto("/don-vi")
    search_units(page, "tan dinh")
    screenshot(page, "directory-search.png")
    # The browser submits the GET form as application/x-www-form-urlencoded: the space becomes «+».
    expect(page).to_have_url(re.compile(r"[?&]q=tan\+dinh(&|$)"))
    expect(page.get_by_label("Tìm theo tên (có dấu hoặc không dấu)")).to_have_value("tan dinh")
    expect(unit_rows(page)).to_have_count(1)
    expect(unit_rows(page).first.locator("td").nth(1)).to_have_text("Phường Tân Định")
    expect(page.get_by_text("Tìm thấy 1 đơn vị.")).to_be_visible()


def test_directory_filter_by_type(page, screenshot):
    page.goto("/don-vi")
    expect(page.locator("#type option[value=xa]")).to_have_text("Xã (54)")
    search_units(page, "", "xa")
    expect(page.get_by_label("Loại đơn vị")).to_have_value("xa")
    expect(page.get_by_text("Tìm thấy 54 đơn vị.")).to_be_visible()
    expect(unit_rows(page)).to_have_count(54)
    types = unit_rows(page).locator("td:nth-child(3)").all_inner_texts()
    assert set(types) == {"Xã"}, types
    screenshot(page, "directory.png")


def test_unit_page_shows_code_and_old_wards(page, screenshot):
    page.goto("/don-vi")
    page.get_by_role("link", name="Phường Tân Định", exact=True).click()
    expect(page).to_have_url(re.compile(r"/don-vi/26737$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Tân Định")
    expect(page.locator("dl.facts dt:text-is('Mã đơn vị') + dd")).to_have_text("26737")
    expect(page.locator("dl.facts dt:text-is('Loại') + dd")).to_have_text("Phường")
    old = page.locator("section[aria-labelledby=old-title]")
    expect(old.get_by_role("heading", level=2)).to_have_text("Hình thành từ các đơn vị cũ")
    rows = old.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Phường Đa Kao")).to_contain_text("Một phần")
    expect(rows.filter(has_text="Phường Tân Định")).to_contain_text("Toàn bộ")
    expect(rows.filter(has_text="Phường Tân Định")).to_contain_text("Quận 1")
    expect(old.get_by_text("1 đơn vị nhập toàn bộ, 1 đơn vị nhập một phần.")).to_be_visible()
    screenshot(page, "unit.png")


def ask_resolver(page, address):
    field = page.get_by_label("Địa chỉ cũ")
    field.fill(address)
    with page.expect_navigation():
        field.press("Enter")
    expect(page.get_by_role("heading", name="Kết quả")).to_be_visible()


def test_resolver(page, screenshot):
    page.goto("/tra-cuu-don-vi-moi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu đơn vị hành chính mới")
    matches = page.locator("article.match")

    # Abbreviations: P. = phường, Q. = quận.
    ask_resolver(page, "P.14, Q. Bình Thạnh")
    expect(matches).to_have_count(1)
    expect(matches.first.get_by_role("heading", level=3)).to_contain_text("Phường 14, Quận Bình Thạnh")
    expect(matches.first.locator("ul.successors a")).to_have_text(["Phường Bình Thạnh"])

    # A ward split between two new units: the usual receiver is marked.
    ask_resolver(page, "Phường Đa Kao, Quận 1")
    expect(matches).to_have_count(1)
    successors = matches.first.locator("ul.successors li")
    expect(successors).to_have_count(2)
    expect(matches.first).to_contain_text("được chia cho nhiều đơn vị mới")
    saigon = successors.filter(has_text="Phường Sài Gòn")
    expect(saigon.locator(".badge")).to_have_text("thường tiếp nhận")
    expect(successors.filter(has_text="Phường Tân Định").locator(".badge")).to_have_count(0)
    screenshot(page, "resolver.png")

    # Ambiguous: many districts had a «Phường 14».
    ask_resolver(page, "Phường 14")
    notice = page.locator("section.results p.notice")
    expect(notice).to_contain_text("đơn vị cũ cùng khớp")
    found = re.search(r"Có (\d+) đơn vị cũ cùng khớp", notice.inner_text())
    assert found, notice.inner_text()
    count = int(found.group(1))
    assert count >= 2
    expect(matches).to_have_count(count)


def test_resolver_form_keeps_the_typed_address(page):
    page.goto("/tra-cuu-don-vi-moi")
    ask_resolver(page, "Phường Đa Kao, Quận 1")
    expect(page.get_by_label("Địa chỉ cũ")).to_have_value("Phường Đa Kao, Quận 1")
    expect(page.locator("article.match h3")).to_have_text(["Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh"])


def test_login_wrong_password(page, screenshot):
    page.goto("/dang-nhap")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập cán bộ")
    response = log_in(page, "admin", "sai-mat-khau-123")
    assert response.status == 401
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai liên tiếp, tài khoản tạm khóa 15 phút.")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("admin")
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
    screenshot(page, "login.png")


def test_admin_login_home_users_and_logout(page, base_url, screenshot):
    page.goto("/dang-nhap")
    response = log_in(page, "admin", DEMO_PASSWORD)
    assert response.status == 303
    # Administrators start on the administration index; the home page still greets them.
    expect(page).to_have_url(base_url + "/quan-tri")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quản trị hệ thống")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Quản trị hệ thống")
    expect(page.locator("p.lead")).to_contain_text("Phạm vi: Toàn thành phố")
    for label in ADMIN_TASKS:
        expect(page.locator("main").get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Quản trị hệ thống")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    screenshot(page, "home-admin.png")

    # The users page lists the demo accounts.
    page.locator("main").get_by_role("link", name="Quản lý người dùng", exact=True).click()
    expect(page).to_have_url(re.compile(r"/quan-tri/nguoi-dung$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Người dùng \(\d+\)$"))
    listed = page.locator("table.list tbody tr td:first-child").all_inner_texts()
    missing = [name for name in DEMO_USERS if name not in listed]
    assert not missing, f"demo users not listed: {missing}"

    # Logging out ends the session: the home page no longer greets, admin pages ask to log in again.
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(base_url + "/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(re.compile("Xin chào"))
    expect(page.locator("main").get_by_role("link", name="Quản lý người dùng")).to_have_count(0)
    page.goto("/quan-tri/nguoi-dung")
    expect(page).to_have_url(re.compile(r"/dang-nhap\?next=%2Fquan-tri%2Fnguoi-dung$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập cán bộ")


def test_anonymous_header_offers_login_not_logout(page, screenshot):
    page.goto("/")
    screenshot(page, "home-anonymous.png")
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name="Đăng nhập cán bộ")).to_be_visible()
    expect(banner.get_by_role("button", name="Đăng xuất")).to_have_count(0)


@pytest.mark.parametrize("path", ["/", "/don-vi", "/don-vi/26737", "/tra-cuu-don-vi-moi", "/dang-nhap"])
def test_first_tab_focuses_skip_link(page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "text": SKIP_LINK, "href": "#noi-dung"}, focused
    expect(page.get_by_role("link", name=SKIP_LINK)).to_be_in_viewport()
    # Following it moves the focus to the main content.
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"


@pytest.mark.parametrize("path", ["/dang-nhap", "/don-vi"])
def test_every_form_control_has_a_label(page, path):
    page.goto(path)
    controls = page.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea'))
             .filter(el => el.type !== 'hidden')
             .map(el => ({
                 control: el.outerHTML.slice(0, 120),
                 labels: Array.from(el.labels || []).map(label => label.textContent.trim()),
             }))"""
    )
    assert controls, "no form controls found"
    unlabelled = [c["control"] for c in controls if not any(c["labels"])]
    assert not unlabelled, f"controls without a <label>: {unlabelled}"


def test_hostile_calendar_dates_are_refused_within_a_second(base_url):
    """Issue 10: a pause ending in 9999 pinned both cores for 15 minutes; now every such date is a 400 at once."""
    bodies = [
        {"start": "2026-11-23T09:00:00+07:00", "duration": 5, "unit": "workingDays",
         "pauses": [{"from": "2026-11-24T09:00:00+07:00", "to": "9999-12-31T00:00:00+07:00"}]},
        {"start": "2101-01-01T09:00:00+07:00", "duration": 5, "unit": "workingDays"},
        {"start": "2026-11-23T09:00:00+07:00", "duration": 3650, "unit": "calendarDays",
         "pauses": [{"from": "1899-12-31T00:00:00+07:00"}]},
    ]
    for body in bodies:
        request = urllib.request.Request(f"{base_url}/api/v1/calendar/deadline", data=json.dumps(body).encode(),
                                   headers={"Content-Type": "application/json"}, method="POST")
        started = time.monotonic()
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError(f"accepted: {body}")
        except urllib.error.HTTPError as refused:
            assert refused.code == 400, (refused.code, body)
        elapsed = time.monotonic() - started
        assert elapsed < 1, f"{elapsed:.2f} s for {body}"
