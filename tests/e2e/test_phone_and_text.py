"""Every kind of page on a 390 px phone: nothing scrolls sideways, and the visible text has no "nil",
no ISO instant and no internal key; the public pages pass axe-core with no serious or critical
violation. Screenshots: phone-*.png in the screenshot directory.
"""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from haicap_pages import DEMO_PASSWORD, log_in

PHONE = {"width": 390, "height": 844}
ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T")
NIL = re.compile(r"\bnil\b")
RAW_KEY = re.compile(r"file_[A-Za-z]|applicant\.\w|resultNumber|user\.login|tetExtra|announcedOff"
                     r"|\((?:officer|leader|specialist|clerk|operator-1022|it-support|department)\)|\b(?:pending|delivered|failed)\b")

PUBLIC = [
    ("home", "/"),
    ("login", "/dang-nhap"),
    ("units", "/don-vi"),
    ("unit", "/don-vi/26737"),
    ("resolver", "/tra-cuu-don-vi-moi?address=P.14%2C+Q.+B%C3%ACnh+Th%E1%BA%A1nh"),
    ("calendar", "/lich-lam-viec/2026"),
    ("calculator", "/tinh-han?start=2026-12-04T14%3A00&duration=5&unit=workingDays"),
    ("procedures", "/thu-tuc"),
    ("procedure", "/thu-tuc/2.000815"),
    ("submit", "/nop-ho-so"),
    ("lookup", "/tra-cuu-ho-so"),
    ("feedback-form", "/phan-anh"),
    ("feedback-map", "/ban-do-phan-anh"),
    ("feedback-stats", "/thong-ke-phan-anh"),
    ("indicators", "/chi-so-766"),
]

STAFF = {
    "motcua.tandinh": [("dossier-queue", "/mot-cua"), ("intake", "/mot-cua/tiep-nhan"), ("indicators-ward", "/chi-so-766")],
    "lanhdao.tandinh": [("notifications", "/thong-bao")],
    "vanthu.tandinh": [("documents", "/van-ban"), ("document-register", "/van-ban/vao-so"), ("document-draft", "/van-ban/soan-thao"),
                       ("document-follow-up", "/van-ban/theo-doi"), ("document-search", "/van-ban?q=r%C3%A0+so%C3%A1t+h%E1%BB%99+ngh%C3%A8o")],
    "tongdai1022": [("feedback-queue", "/xu-ly-phan-anh"), ("call-intake", "/tong-dai/tiep-nhan")],
    "admin": [("admin", "/quan-tri"), ("admin-agencies", "/quan-tri/co-quan"), ("admin-agency", "/quan-tri/co-quan/000.01.08.H29"),
              ("admin-users", "/quan-tri/nguoi-dung"), ("admin-user", "/quan-tri/nguoi-dung/1"), ("admin-tokens", "/quan-tri/token"),
              ("admin-audit", "/quan-tri/nhat-ky"), ("admin-holidays", "/quan-tri/lich-nghi"), ("admin-procedures", "/quan-tri/thu-tuc"),
              ("admin-procedure", "/quan-tri/thu-tuc/2.000815"), ("admin-sync", "/quan-tri/dong-bo"),
              ("admin-feedback", "/quan-tri/phan-anh"), ("admin-open311", "/quan-tri/open311"), ("admin-boundaries", "/quan-tri/ranh-gioi")],
}


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="vi-VN", viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def check_page(page, name, screenshot):
    """No sideways scroll at 390 px; no nil, ISO instant or raw key in the visible text."""
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    screenshot(page, f"phone-{name}.png")
    problems = []
    if width[0] > width[1]:
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).filter(e => {
            const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && !e.closest('.table-scroll');
        }).slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
        problems.append(f"{name}: {width[0]} px wide at {width[1]} px ({wide})")
    text = page.inner_text("body")
    for label, pattern in (("nil", NIL), ("ISO time", ISO_INSTANT), ("raw key", RAW_KEY)):
        found = pattern.search(text)
        if found:
            problems.append(f"{name}: {label} «{text[max(0, found.start() - 40):found.end() + 40]}»")
    return problems


def first_link(page, path, selector):
    page.goto(path)
    return page.locator(selector).first.get_attribute("href")


def test_public_pages_fit_a_phone_and_read_as_words(phone, screenshot):
    pages = list(PUBLIC)
    report = first_link(phone, "/ban-do-phan-anh", "table.list tbody a")
    if report:
        pages.append(("feedback-status", report))
    problems = []
    for name, path in pages:
        answer = phone.goto(path)
        assert answer.ok, f"{path}: {answer.status}"
        problems += check_page(phone, name, screenshot)
    assert not problems, "\n".join(problems)


def test_staff_pages_fit_a_phone_and_read_as_words(phone, screenshot):
    problems = []
    for username, pages in STAFF.items():
        phone.context.clear_cookies()
        phone.goto("/dang-nhap")
        log_in(phone, username, DEMO_PASSWORD)
        pages = list(pages)
        if username == "motcua.tandinh":
            dossier = first_link(phone, "/mot-cua?queue=all", "table.list tbody a")
            if dossier:
                pages.append(("dossier", dossier))
        if username == "vanthu.tandinh":
            document = first_link(phone, "/van-ban", "table.list tbody a")
            if document:
                pages.append(("document", document))
            issued = first_link(phone, "/van-ban?direction=di&queue=tat-ca", "table.list tbody a")
            if issued:
                phone.goto(issued)
                signatures = phone.get_by_role("link", name=re.compile("Kiểm tra chữ ký số"))
                if signatures.count():
                    pages.append(("document-signatures", signatures.first.get_attribute("href")))
        if username == "tongdai1022":
            case = first_link(phone, "/xu-ly-phan-anh", "table.list tbody a")
            if case:
                pages.append(("feedback-case", case))
        for name, path in pages:
            answer = phone.goto(path)
            assert answer.ok, f"{username} {path}: {answer.status}"
            problems += check_page(phone, name, screenshot)
    assert not problems, "\n".join(problems)


def test_menu_folds_behind_a_button_on_a_phone(phone):
    phone.goto("/")
    links = phone.locator("#mainnav-list a")
    assert not links.first.is_visible()
    phone.get_by_role("button", name="Danh mục").click()
    assert links.first.is_visible()


def test_public_pages_pass_axe_without_serious_violations(phone):
    axe = Axe()
    problems = []
    for name, path in PUBLIC:
        phone.goto(path)
        results = axe.run(phone)
        for violation in results.response["violations"]:
            if violation.get("impact") in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_1366_px_screen(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="vi-VN", viewport={"width": 1366, "height": 768})
    context.set_default_timeout(20_000)
    page = context.new_page()
    too_wide = []

    def measure(name, path):
        assert page.goto(path).ok, path
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide.append(f"{name} {path}: {width[0]} px")

    for name, path in PUBLIC:
        measure(name, path)
    for username, pages in STAFF.items():
        context.clear_cookies()
        page.goto("/dang-nhap")
        log_in(page, username, DEMO_PASSWORD)
        for name, path in pages:
            measure(name, path)
    context.close()
    assert not too_wide, "\n".join(too_wide)
