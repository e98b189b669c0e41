"""Official documents in a browser: the ward's clerk registers a paper document, the leader assigns
it, the specialist drafts the reply from it, the leader signs and the clerk numbers and issues it;
the reply reaches Sở Nội vụ inside HaiCap (status 01 on the sender's page).

Needs HAICAP_URL (see conftest.py).
"""
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in


def official(browser, base_url, username):
    page = browser.new_context(base_url=base_url, locale="vi-VN").new_page()
    page.set_default_timeout(20_000)
    page.goto("/dang-nhap")
    log_in(page, username, DEMO_PASSWORD)
    return page


def test_register_assign_reply_sign_issue(browser, base_url, screenshot):
    number = str(int(time.time()) % 100000)
    yesterday = (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(days=1)).strftime("%d/%m/%Y")
    clerk = official(browser, base_url, "vanthu.tandinh")
    clerk.goto("/van-ban/vao-so")
    clerk.locator("#fromOrganName").fill("Sở Nội vụ")
    clerk.locator("#fromOrganId").fill("000.00.02.H29")
    clerk.locator("#codeNumber").fill(number)
    clerk.locator("#codeNotation").fill("SNV-TCBC")
    clerk.locator("#issuedDate").fill(yesterday)
    clerk.locator("#type").select_option("cong-van")
    clerk.locator("#subject").fill(f"Về việc báo cáo biên chế công chức phường (thử {number})")
    clerk.locator("#urgency").select_option("khan")
    clerk.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(clerk.get_by_role("heading", level=1)).to_contain_text(f"{number}/SNV-TCBC")
    expect(clerk.locator("p.notice")).to_contain_text("Đã vào sổ văn bản đến, số đến")
    incoming = clerk.url
    screenshot(clerk, "document-registered.png")

    leader = official(browser, base_url, "lanhdao.tandinh")
    leader.goto(incoming)
    leader.locator("#assign-lead").select_option(label="Lê Minh Chuyên (Chuyên viên)")
    leader.locator("#assign-days").fill("5")
    leader.locator("#assign-instruction").fill("Chủ trì tổng hợp, dự thảo văn bản trả lời.")
    leader.get_by_role("button", name="Phân công", exact=True).click()
    expect(leader.locator("#status")).to_contain_text("Đã phân công")

    specialist = official(browser, base_url, "chuyenvien.tandinh")
    specialist.goto("/van-ban?queue=cua-toi")
    specialist.get_by_role("link", name=f"{number}/SNV-TCBC").click()
    specialist.get_by_role("link", name="Soạn văn bản trả lời").click()
    specialist.locator("#subject").fill(f"Về việc báo cáo biên chế công chức phường (trả lời {number})")
    specialist.locator("#body").fill("Ủy ban nhân dân phường Tân Định báo cáo số lượng công chức như sau: 42 người.")
    specialist.locator("#draftingUnit").fill("VP")
    specialist.locator("#recipients").select_option(label="Sở Nội vụ")
    specialist.get_by_role("button", name="Lưu dự thảo").click()
    expect(specialist.get_by_role("heading", level=1)).to_contain_text("(dự thảo)")
    draft = specialist.url
    specialist.get_by_role("button", name="Trình", exact=True).click()
    expect(specialist.locator("#status")).to_contain_text("Đang trình duyệt")

    leader.goto(draft)
    leader.get_by_role("button", name="Ký", exact=True).click()
    expect(leader.locator("#status")).to_contain_text("Đã ký, chờ phát hành")

    clerk.goto(draft)
    clerk.get_by_role("button", name="Cấp số, phát hành").click()
    expect(clerk.locator("p.notice")).to_contain_text("Đã cấp số")
    heading = clerk.get_by_role("heading", level=1).inner_text()
    assert re.search(r"số \d{2,}/UBND-VP", heading), heading
    expect(clerk.get_by_role("cell", name="Đã đến (01)")).to_be_visible()
    screenshot(clerk, "document-issued.png")


def test_scan_attached_is_read_and_found(browser, base_url, screenshot):
    """The clerk attaches the scanned page of a paper letter; the server's tesseract reads it, and a
    phrase typed from the letter (with its marks) finds the document on the desk."""
    number = str(int(time.time()) % 100000 + 1)
    yesterday = (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(days=1)).strftime("%d/%m/%Y")
    clerk = official(browser, base_url, "vanthu.tandinh")
    clerk.goto("/van-ban/vao-so")
    clerk.locator("#fromOrganName").fill("UBND phường Bến Thành")
    clerk.locator("#codeNumber").fill(number)
    clerk.locator("#codeNotation").fill("UBND-VP")
    clerk.locator("#issuedDate").fill(yesterday)
    clerk.locator("#type").select_option("cong-van")
    clerk.locator("#subject").fill(f"Công văn giấy của phường bạn (thử {number})")
    clerk.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(clerk.locator("p.notice")).to_contain_text("Đã vào sổ văn bản đến")
    document = clerk.url
    scan = Path(__file__).resolve().parents[2] / "Tests/HaiCapTestSupport/Fixtures/scan-cong-van.png"
    clerk.locator("#attach-files").set_input_files(str(scan))
    clerk.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(clerk.locator("p.notice")).to_contain_text("Đã đính kèm 1 tệp")
    for _ in range(120):
        if "Đã đọc chữ" in clerk.locator("main").inner_text():
            break
        time.sleep(0.5)
        clerk.goto(document)
    expect(clerk.locator("main")).to_contain_text("Đã đọc chữ")
    screenshot(clerk, "document-scan-read.png")

    clerk.goto("/van-ban")
    clerk.locator("#q").fill("thiếu hai máy quét tài liệu")
    clerk.get_by_role("button", name="Tìm", exact=True).click()
    row = clerk.locator("tbody tr", has_text=f"thử {number}")
    expect(row).to_contain_text("Khớp trong bản quét")
    expect(clerk.locator("[role=status]").first).to_contain_text("Tìm «thiếu hai máy quét tài liệu»")
    screenshot(clerk, "document-search-scan.png")
