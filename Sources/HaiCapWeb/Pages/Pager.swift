import Foundation

/// Paging for every list a page shows: which rows to read, and the "Hiển thị 1–50 trong 149" line with
/// "Trang x / y" links that keep the list's other filters.
struct Pager {
    let page: Int
    let size: Int
    let total: Int

    /// The page asked for in `?trang=` (1 when absent or not a number); never past the last page.
    init(_ query: FormFields, size: Int = 50, total: Int? = nil) {
        let asked = max(1, Int(query["trang"] ?? "") ?? 1)
        self.size = size
        self.total = total ?? 0
        self.page = total.map { min(asked, max(1, ($0 + size - 1) / size)) } ?? asked
    }

    init(page: Int, size: Int, total: Int) {
        self.page = page
        self.size = size
        self.total = total
    }

    var offset: Int { (page - 1) * size }
    var pageCount: Int { max(1, (total + size - 1) / size) }

    func with(total: Int) -> Pager { Pager(page: min(page, max(1, (total + size - 1) / size)), size: size, total: total) }

    /// The model of the `pager` partial. `base` is the list's address; `query` its current filters
    /// (the page parameter is replaced).
    func model(base: String, query: FormFields, noun: String) -> [String: Any] {
        let first = total == 0 ? 0 : offset + 1
        let last = min(offset + size, total)
        let kept = query.pairs.filter { $0.0 != "trang" && $0.0 != "_csrf" && !$0.1.isEmpty }
        func href(_ number: Int) -> String {
            QueryString.link(base, kept + (number > 1 ? [("trang", String(number))] : []))
        }
        var model: [String: Any] = [
            "summary": total == 0
                ? "Không có \(noun) nào."
                : "Hiển thị \(DossierViews.number(first))–\(DossierViews.number(last)) trong \(DossierViews.number(total)) \(noun).",
            "position": "Trang \(page) / \(pageCount)",
            "several": pageCount > 1
        ]
        if page > 1 {
            model["previous"] = href(page - 1)
            model["first"] = href(1)
        }
        if page < pageCount {
            model["next"] = href(page + 1)
            model["last"] = href(pageCount)
        }
        return model
    }
}
