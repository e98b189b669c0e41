"""Helpers shared by the page tests."""

DEMO_PASSWORD = "HaiCap@2025hcm"


def log_in(page, username, password):
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST" and "/dang-nhap" in r.url) as answer:
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state()
    return answer.value
