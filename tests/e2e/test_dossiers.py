"""The one-stop system in a browser: counter intake → receipt (Mẫu 01) → citizen lookup, online
submission with an upload, processing a dossier, the 766 dashboard, and the national-portal sync
seen from portal-sim.

Needs HAICAP_URL (see conftest.py). HAICAP_TOKEN (an admin API token) and HAICAP_PORTAL_SIM (the
portal-sim the server delivers to) enable the sync test.
"""
import json
import os
import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in

TAN_DINH_CENTRE = "Trung tâm Phục vụ hành chính công Phường Tân Định"


def officer_page(page, username="motcua.tandinh"):
    page.goto("/dang-nhap")
    log_in(page, username, DEMO_PASSWORD)
    return page


def test_counter_intake_prints_the_receipt_and_the_citizen_looks_it_up(page, context, browser, base_url, screenshot):
    officer_page(page)
    page.goto("/mot-cua/tiep-nhan?procedure=2.000815")
    page.get_by_label("Họ và tên").fill("Phạm Thị Hoa")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("079301004567")
    page.get_by_label("Số điện thoại").fill("0903123456")
    page.get_by_label("Số trang: Bản chính và bản sao cần chứng thực").fill("3") if page.get_by_label(re.compile("^Số trang")).count() == 1 else None
    # «Bản giấy, đã số hóa» (the default for a required paper) needs its scan.
    page.locator("input[name=file_BC]").set_input_files({"name": "ban-chinh.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 scan"})
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    expect(page).to_have_url(re.compile(r"/mot-cua/ho-so/.+/in/mau-01$"))
    screenshot(page, "dossier-receipt-mau-01.png")
    code = page.locator("strong.code").inner_text().strip()
    secret = page.locator("span.secret").inner_text().strip()
    assert re.fullmatch(r"\d{3}\.01\.90\.H29-\d{6}-\d{4}", code), code
    assert len(secret) == 8
    expect(page.get_by_text("Thời gian trả kết quả")).to_be_visible()

    citizen = browser.new_context(base_url=base_url, locale="vi-VN").new_page()
    citizen.goto("/tra-cuu-ho-so")
    citizen.get_by_label("Mã hồ sơ (in trên giấy tiếp nhận)").fill(code)
    citizen.get_by_label("Mã tra cứu hoặc 4 số cuối điện thoại").fill(secret)
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.locator("#tinh-trang")).to_contain_text("Đã tiếp nhận")
    expect(citizen.locator("#hen-tra")).not_to_be_empty()
    assert "079301004567" not in citizen.content() and "0903123456" not in citizen.content()
    screenshot(citizen, "dossier-lookup.png")
    # A wrong secret learns nothing; a secret in the address is not even read.
    citizen.goto(f"/tra-cuu-ho-so?code={code}&secret={secret}")
    expect(citizen.locator("#tinh-trang")).to_have_count(0)
    citizen.get_by_label("Mã tra cứu hoặc 4 số cuối điện thoại").fill("AAAAAAAA")
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.get_by_role("alert")).to_contain_text("Không tìm thấy hồ sơ")
    assert "Phạm Thị Hoa" not in citizen.content()
    citizen.context.close()


def test_online_submission_with_an_upload_then_lookup_by_phone(page, tmp_path, screenshot):
    pdf = tmp_path / "ban-chinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% HaiCap e2e\n")
    page.goto("/nop-ho-so?procedure=2.000815")
    page.get_by_label("Phường, xã, đặc khu nhận hồ sơ").select_option(label=TAN_DINH_CENTRE)
    page.get_by_label("Họ và tên").fill("Đinh Văn Nam")
    page.get_by_label("Số định danh cá nhân").fill("079201007788")
    page.get_by_label("Số điện thoại").fill("0977111222")
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    screenshot(page, "dossier-online-form.png")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ")
    code = page.locator("#ma-ho-so").inner_text().strip()
    assert re.fullmatch(r"\d{3}\.01\.90\.H29-\d{6}-5\d{4}", code), code  # the online series
    page.goto(f"/tra-cuu-ho-so?code={code}")
    page.get_by_label("Mã tra cứu hoặc 4 số cuối điện thoại").fill("1222")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#tinh-trang")).to_contain_text("Chờ tiếp nhận")


def test_online_submission_without_the_required_file_says_what_is_missing(page):
    page.goto("/nop-ho-so?procedure=2.000815")
    page.get_by_label("Phường, xã, đặc khu nhận hồ sơ").select_option(label=TAN_DINH_CENTRE)
    page.get_by_label("Họ và tên").fill("Đinh Văn Nam")
    page.get_by_label("Số định danh cá nhân").fill("079201007788")
    page.get_by_label("Số điện thoại").fill("0977111222")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("alert")).to_contain_text("Tải lên")


def test_specialist_takes_a_dossier_from_the_review_queue(page, screenshot):
    officer_page(page, "chuyenvien.tandinh")
    page.goto("/mot-cua?queue=tham-dinh")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Một cửa")
    screenshot(page, "dossier-queue.png")
    page.locator("table.list tbody a").first.click()
    page.get_by_text("Chuyển xử lý / phân công").first.click()
    page.get_by_role("button", name="Chuyển xử lý / phân công").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thực hiện")
    expect(page.get_by_role("term").filter(has_text="Chuyên viên")).to_be_visible()
    assert "?xong=assign" in page.url  # reloading does not repeat the action
    screenshot(page, "dossier-detail.png")


def test_indicator_dashboard_draws_the_trend_and_the_ranking(page, screenshot):
    page.goto("/chi-so-766")
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.get_by_text("Giải quyết đúng hạn", exact=True)).to_be_visible()
    screenshot(page, "indicators-766.png")
    csv = page.context.request.get("/chi-so-766?format=csv")
    assert csv.ok and csv.text().startswith("\ufeffMã đơn vị,Đơn vị")


@pytest.mark.skipif(not (os.environ.get("HAICAP_TOKEN") and os.environ.get("HAICAP_PORTAL_SIM")),
                    reason="needs HAICAP_TOKEN and HAICAP_PORTAL_SIM")
def test_portal_sim_receives_each_state_in_order(page):
    api = page.context.request
    headers = {"Authorization": f"Bearer {os.environ['HAICAP_TOKEN']}", "Content-Type": "application/json"}
    agencies = api.get("/api/v1/agencies?unit=26737", headers=headers).json()["items"]
    centre = next(a["id"] for a in agencies if a["kind"] == "unit-service-centre")
    body = {"procedure": "2.000908", "agency": centre, "channel": "direct",
            "applicant": {"name": "Lý Thị Thu", "idNumber": "079301009999", "phone": "0911000999"}, "components": ["GTTT"]}
    created = api.post("/api/v1/dossiers", data=json.dumps(body), headers=headers)
    assert created.status == 201, created.text()
    code = created.json()["code"]
    assert api.post(f"/api/v1/dossiers/{code}/actions/withdraw", data=json.dumps({"reason": "Công dân đổi ý"}), headers=headers).ok
    states = []
    for _ in range(60):
        with urllib.request.urlopen(os.environ["HAICAP_PORTAL_SIM"] + "/records") as answer:
            states = [r["trangThai"] for r in json.load(answer) if r["maHoSo"] == code]
        if len(states) == 2:
            break
        time.sleep(0.5)
    assert states == [2, 7], states
