"""1022 in a browser: a citizen clicks the map, sends a report with a photo, gets its number and
private code, and follows it on the public status page (which never shows contact details); a
ward official answers it; the reporter rates it with the code; bad input is refused and kept in
the form; the public map, the statistics and the operators' entry page render their maps.

Needs HAICAP_URL (see conftest.py).
"""
import base64
import re

from playwright.sync_api import expect

from haicap_pages import DEMO_PASSWORD, log_in

# A 1×1 PNG: the form accepts photos by content, not by name.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
PHONE = "0938111222"


def send_report(page, tmp_path, zoom="26737", description="Đèn đường trước chợ Tân Định tắt từ tối qua, cả đoạn đường tối om"):
    page.goto(f"/phan-anh?khu-vuc={zoom}")
    page.get_by_label("Lĩnh vực").select_option("chieu-sang")
    page.get_by_label("Nội dung phản ánh").fill(description)
    # The map is centred on the chosen ward: its middle lies inside it (a click lands in the centre).
    page.locator("#pick-map svg").click()
    expect(page.get_by_label("Vĩ độ")).not_to_have_value("")
    photo = tmp_path / "den-duong.png"
    photo.write_bytes(PNG)
    page.get_by_label("Ảnh", exact=True).set_input_files(str(photo))
    page.get_by_label("Họ và tên").fill("Lê Thị Mai")
    page.get_by_label("Số điện thoại").fill(PHONE)
    page.get_by_role("button", name="Gửi phản ánh").click()
    if page.get_by_role("heading", name="Có thể đã có người phản ánh việc này").count():
        # An earlier test's report nearby: this one is a different lamp, so send it anyway.
        page.get_by_label("Ảnh", exact=True).set_input_files(str(photo))
        page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã nhận phản ánh số")
    number = re.search(r"số (\d+)", page.get_by_role("heading", level=1).inner_text()).group(1)
    token = page.locator("#token").inner_text().strip()
    return number, token


def test_citizen_reports_on_the_map_and_follows_the_answer(page, browser, base_url, tmp_path, screenshot):
    number, token = send_report(page, tmp_path)
    assert len(token) >= 12
    expect(page.get_by_text("Ủy ban nhân dân Phường Tân Định")).to_be_visible()
    screenshot(page, "feedback-submitted.png")
    page.get_by_role("link", name=f"Xem trang theo dõi phản ánh số {number}").click()
    expect(page.locator("#status")).to_contain_text("Mới tiếp nhận")
    expect(page.locator("#description")).to_contain_text("chợ Tân Định")
    expect(page.get_by_text("ranh giới gần đúng").first).to_be_visible()
    assert PHONE not in page.content() and "Lê Thị Mai" not in page.content()
    assert page.locator("img[alt='Ảnh người dân gửi']").count() == 1
    screenshot(page, "feedback-status.png")

    official = browser.new_context(base_url=base_url, locale="vi-VN").new_page()
    official.goto("/dang-nhap")
    log_in(official, "chuyenvien.tandinh", DEMO_PASSWORD)
    official.goto(f"/xu-ly-phan-anh/{number}")
    expect(official.get_by_text(PHONE)).to_be_visible()  # officials see the contact
    official.get_by_label("Nội dung trả lời").fill("Đã thay bóng đèn và kiểm tra tủ điều khiển, tuyến đường sáng trở lại.")
    official.get_by_role("button", name="Trả lời", exact=True).click()
    expect(official.locator("#status")).to_contain_text("Đã trả lời")
    screenshot(official, "feedback-case.png")
    official.context.close()

    page.reload()
    expect(page.locator("#answer")).to_contain_text("Đã thay bóng đèn")
    page.get_by_label("Mã riêng").first.fill("SAI-MA")
    # The rating starts unselected and is required: the browser asks for one before sending.
    assert page.locator("input[name=rating]:checked").count() == 0
    page.get_by_label("4 — Hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã phản ánh không đúng")
    page.locator("#token-rate").fill(token)
    page.get_by_label("4 — Hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận")
    expect(page.get_by_text("Người phản ánh đánh giá: 4/5")).to_be_visible()


def test_a_report_without_a_place_is_refused_and_the_text_is_kept(page):
    page.goto("/phan-anh")
    page.get_by_label("Lĩnh vực").select_option("ve-sinh-moi-truong")
    page.get_by_label("Nội dung phản ánh").fill("Rác tồn đọng ba ngày ở đầu hẻm, bốc mùi")
    page.get_by_label("Gửi ẩn danh").check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_role("alert")).to_contain_text("Chưa có vị trí")
    expect(page.get_by_label("Nội dung phản ánh")).to_have_value("Rác tồn đọng ba ngày ở đầu hẻm, bốc mùi")


def test_an_old_address_alone_routes_to_the_new_ward(page):
    page.goto("/phan-anh")
    page.get_by_label("Lĩnh vực").select_option("cay-xanh")
    page.get_by_label("Nội dung phản ánh").fill("Cây xanh nghiêng sát nhà số 8, sợ ngã khi mưa bão")
    page.get_by_label("Địa chỉ").fill("8 Nguyễn Huệ, Phường Bến Nghé, Quận 1")
    page.get_by_label("Gửi ẩn danh").check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã nhận phản ánh số")
    expect(page.get_by_text("Ủy ban nhân dân Phường Sài Gòn")).to_be_visible()


def test_public_map_statistics_and_operator_entry(page, screenshot):
    page.goto("/ban-do-phan-anh")
    expect(page.locator("svg.geo-map path").first).to_be_attached()
    assert page.locator("svg.geo-map circle").count() > 10
    expect(page.get_by_text("Ranh giới gần đúng").first).to_be_visible()
    screenshot(page, "feedback-map.png")
    page.goto("/thong-ke-phan-anh")
    expect(page.locator("#by-unit tbody tr").first).to_be_visible()
    screenshot(page, "feedback-stats.png")
    page.goto("/dang-nhap")
    log_in(page, "tongdai1022", DEMO_PASSWORD)
    page.goto("/tong-dai/tiep-nhan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tổng đài 1022")
    page.goto("/xu-ly-phan-anh?queue=new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xử lý phản ánh 1022")
    screenshot(page, "feedback-queue.png")


def test_the_picker_has_no_marker_before_a_click_and_zooming_keeps_what_was_typed(page):
    page.goto("/phan-anh")
    assert page.locator("#pick-map circle.picked").count() == 0
    page.get_by_label("Nội dung phản ánh").fill("Cây đổ chắn ngang vỉa hè trước trường học")
    page.get_by_label("Họ và tên").fill("Lê Văn Bình")
    page.get_by_label("Khu vực bản đồ").select_option(label="Phường Tân Định")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem khu vực").click()
    expect(page.get_by_label("Nội dung phản ánh")).to_have_value("Cây đổ chắn ngang vỉa hè trước trường học")
    expect(page.get_by_label("Họ và tên")).to_have_value("Lê Văn Bình")
    assert page.locator("#pick-map circle.picked").count() == 0
    svg = page.locator("#pick-map svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    svg.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    assert page.locator("#pick-map circle.picked").count() == 1
    expect(page.get_by_label("Vĩ độ")).not_to_have_value("")


def test_long_queues_are_paged_with_the_total(page):
    page.goto("/dang-nhap")
    log_in(page, "tongdai1022", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/xu-ly-phan-anh$"))
    page.goto("/xu-ly-phan-anh?queue=all")
    expect(page.locator("nav.pager").first).to_contain_text(re.compile(r"Hiển thị 1–50 trong [\d.]+ phản ánh"))
    expect(page.locator("nav.pager").first).to_contain_text(re.compile(r"Trang 1 / \d+"))
    page.locator("nav.pager").first.get_by_role("link", name="Trang sau ›").click()
    expect(page.locator("nav.pager").first).to_contain_text("Hiển thị 51–100")
    page.goto("/ban-do-phan-anh")
    expect(page.locator("nav.pager").first).to_contain_text(re.compile(r"Hiển thị 1–50 trong [\d.]+ phản ánh"))
