import Foundation
import HaiCapDomain
import HaiCapStorage
import Hummingbird

/// The public unit directory and the old → new resolver, as pages and as API.
///
/// | route | permission |
/// |---|---|
/// | GET /don-vi, /don-vi/{code}, /tra-cuu-don-vi-moi | everyone |
/// | GET /api/v1/units, /api/v1/units/{code}, /api/v1/resolve | everyone |
struct DirectoryRoutes {
    let services: AppServices
    let pages: PageRenderer

    func register(_ routes: Routes) {
        routes.get("/api/v1/units", .everyone) { request, _ in
            let (type, query) = try parseFilter(request)
            let limit = try request.query.int("limit", default: 200, range: 1...1000)
            let offset = try request.query.int("offset", default: 0, range: 0...100_000)
            let all = services.directory.search(type: type, query: query)
            let page = all.dropFirst(offset).prefix(limit)
            return JSONBody.response(ListDTO(items: page.map(UnitDTO.init), total: all.count))
        }
        routes.get("/api/v1/units/{code}", .everyone) { _, context in
            JSONBody.response(try await detail(try context.param("code")))
        }
        routes.get("/api/v1/resolve", .everyone) { request, _ in
            guard let outcome = try resolve(request, requireInput: true) else { throw HTTPError(.badRequest) }
            return JSONBody.response(ResolveDTO(outcome))
        }

        routes.get(SitePath.Pattern.units, .everyone) { request, context in
            let (type, query) = try parseFilter(request)
            // In Vietnamese alphabetical order (Đ after D, "An Hội Đông" before "An Hội Tây").
            let units = services.directory.search(type: type, query: query)
                .sorted { VietnameseText.sortKey($0.name) < VietnameseText.sortKey($1.name) }
            let counts = Dictionary(grouping: services.reference.units, by: \.type).mapValues(\.count)
            let model: [String: Any] = [
                "action": SitePath.units.href,
                "q": query ?? "",
                "types": [("", "Tất cả")].map { ["value": $0.0, "label": $0.1, "selected": type == nil] }
                    + UnitType.allCases.map { ["value": $0.rawValue, "label": "\($0.label) (\(counts[$0] ?? 0))", "selected": type == $0] },
                "units": units.map {
                    [
                        "code": $0.code, "name": $0.name, "type": $0.type.label, "area": DossierViews.decimal($0.areaKm2),
                        "href": SitePath.unit(code: $0.code).href
                    ]
                },
                "count": units.count,
                "total": services.reference.units.count,
                "phuong": counts[.phuong] ?? 0, "xa": counts[.xa] ?? 0, "dacKhu": counts[.dacKhu] ?? 0
            ]
            return try pages.page(
                "units", title: "Danh bạ đơn vị hành chính", crumbs: [.init(label: "Danh bạ đơn vị hành chính", href: nil)],
                model: model, context: context, currentPath: SitePath.units.href)
        }
        routes.get(SitePath.Pattern.unit, .everyone) { _, context in
            let dto = try await detail(try context.param("code"))
            let model: [String: Any] = [
                "unit": [
                    "code": dto.unit.code, "name": dto.unit.name, "type": dto.unit.typeLabel,
                    "area": DossierViews.decimal(dto.unit.areaKm2),
                    "lat": DossierViews.decimal(dto.unit.latitude, digits: 4), "lon": DossierViews.decimal(dto.unit.longitude, digits: 4)
                ],
                "predecessors": dto.predecessors.map {
                    [
                        "name": $0.ward.name, "code": $0.ward.code, "district": $0.ward.district,
                        "province": $0.ward.province, "partial": $0.partial
                    ]
                },
                "agencies": dto.agencies.map { ["id": $0.id, "name": $0.name, "kind": $0.kindLabel, "official": $0.idIsOfficial] },
                "whole": dto.predecessors.filter { !$0.partial }.count,
                "partial": dto.predecessors.filter(\.partial).count
            ]
            return try pages.page(
                "unit", title: dto.unit.name,
                crumbs: [.init(label: "Danh bạ đơn vị hành chính", href: SitePath.units.href), .init(label: dto.unit.name, href: nil)],
                model: model, context: context, currentPath: SitePath.units.href)
        }
        routes.get(SitePath.Pattern.resolver, .everyone) { request, context in
            let outcome = try resolve(request, requireInput: false)
            let params = request.query
            let wardNames = Set(services.reference.oldWards.map(\.name)).sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
            let districtNames = Set(services.reference.oldWards.map(\.districtName)).sorted {
                VietnameseText.sortKey($0) < VietnameseText.sortKey($1)
            }
            var model: [String: Any] = [
                "action": SitePath.resolver.href,
                "address": params["address"] ?? "",
                "ward": params["ward"] ?? "",
                "district": params["district"] ?? "",
                "province": params["province"] ?? "",
                "wardOptions": wardNames, "districtOptions": districtNames,
                "provinceOptions": ["Thành phố Hồ Chí Minh", "Tỉnh Bình Dương", "Tỉnh Bà Rịa - Vũng Tàu"],
                "asked": outcome != nil
            ]
            if let outcome {
                model["ambiguous"] = outcome.isAmbiguous
                model["none"] = outcome.matches.isEmpty
                model["count"] = outcome.matches.count
                model["matches"] = outcome.matches.map { match -> [String: Any] in
                    [
                        "old": match.oldWard.map { "\($0.name), \($0.districtName), \($0.provinceName)" }
                            ?? "\(match.oldDistrictName), \(match.oldProvinceName)",
                        "code": match.oldWard.map {
                            $0.code == $0.conversionCode ? $0.code : "\($0.code) (mã cũ trong bảng chuyển đổi: \($0.conversionCode))"
                        } ?? "",
                        "split": match.isSplit,
                        "successors": match.successors.map {
                            [
                                "name": $0.unit.name, "code": $0.unit.code, "isDefault": $0.isDefault,
                                "partial": $0.isPartial, "href": SitePath.unit(code: $0.unit.code).href
                            ]
                        }
                    ]
                }
            }
            return try pages.page(
                "resolver", title: "Tra cứu đơn vị hành chính mới",
                crumbs: [.init(label: "Tra cứu đơn vị mới", href: nil)], model: model, context: context,
                currentPath: SitePath.resolver.href)
        }
    }

    private func parseFilter(_ request: Request) throws -> (UnitType?, String?) {
        let params = request.query
        var type: UnitType?
        if let raw = params["type"], !raw.isEmpty {
            guard let parsed = UnitType(rawValue: raw) else {
                throw ValidationError(field: "type", "Loại đơn vị phải là phuong, xa hoặc dac-khu.")
            }
            type = parsed
        }
        let query = params["q"]
        if let query, query.count > 200 { throw ValidationError(field: "q", "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).") }
        return (type, query)
    }

    private func detail(_ code: String) async throws -> UnitDetailDTO {
        guard let unit = services.reference.unitsByCode[code] else { throw NotFoundError("unit", code) }
        return UnitDetailDTO(
            unit: UnitDTO(unit),
            predecessors: services.reference.predecessors(of: code).map { PredecessorDTO(ward: OldWardDTO($0.ward), partial: $0.isPartial) },
            agencies: try await services.agencies.list(unitCode: code).items.map(AgencyDTO.init)
        )
    }

    /// Free text (`address`) or the three fields; nil when the form was opened without a question.
    private func resolve(_ request: Request, requireInput: Bool) throws -> ResolveOutcome? {
        let params = request.query
        let field = { (name: String) in params.get(name)?.trimmingCharacters(in: .whitespaces) ?? "" }
        let address = field("address"), ward = field("ward"), district = field("district"), province = field("province")
        for (name, value) in [("address", address), ("ward", ward), ("district", district), ("province", province)] where value.count > 300 {
            throw ValidationError(field: name, "Quá dài (tối đa 300 ký tự).")
        }
        if !address.isEmpty { return services.resolver.resolve(address) }
        if !ward.isEmpty || !district.isEmpty { return services.resolver.resolve(ward: ward, district: district, province: province) }
        if requireInput {
            throw ValidationError(field: "address", "Hãy nhập địa chỉ cũ (ví dụ «Phường 14, Quận Bình Thạnh») hoặc tên phường/xã cũ.")
        }
        return nil
    }
}
