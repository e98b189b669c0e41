import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

struct ImportBoundaries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Nạp ranh giới chính thức của 168 đơn vị từ GeoJSON (mã 5 chữ số trong properties.code); tệp lỗi bị từ chối toàn bộ.")

    @OptionGroup var options: CommonOptions
    @Argument(help: "Đường dẫn file GeoJSON.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Không đọc được file \(file).") }
        try await withServices(options) { services in
            do {
                let summary = try await services.geography.importBoundaries(
                    data, source: (file as NSString).lastPathComponent, by: nil,
                    at: services.clock.now(), audit: services.audit)
                print("Đã nạp ranh giới chính thức: \(summary.units) đơn vị, \(summary.polygons) vùng.")
            } catch let error as HaiCapDomain.ValidationError {
                throw ValidationError("File bị từ chối, không có gì được ghi: \(error.message)")
            }
        }
    }
}

struct Open311Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311", abstract: "Open311 GeoReport v2 cho Tổng đài 1022.",
        subcommands: [Key.self])

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key", abstract: "Khoá API của các ứng dụng Open311.",
            subcommands: [Create.self, List.self, Revoke.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Cấp khoá mới; dòng cuối cùng in ra chỉ có khoá.")
            @OptionGroup var options: CommonOptions
            @Option(help: "Tên ứng dụng dùng khoá.") var name: String

            func run() async throws {
                try await withServices(options) { services in
                    let (key, secret) = try await services.open311Keys.create(name: name, by: nil, at: services.clock.now())
                    print("Khoá Open311 số \(key.id) cho «\(key.name)» (chỉ hiện một lần):")
                    print(secret)
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Liệt kê các khoá (không bao giờ in khoá).")
            @OptionGroup var options: CommonOptions

            func run() async throws {
                try await withServices(options) { services in
                    for key in try await services.open311Keys.list() {
                        print(
                            "\(key.id)\t\(key.prefix)…\t\(key.name)\t\(VietnamTime.iso(key.createdAt))\t\(key.revokedAt.map { "thu hồi \(VietnamTime.iso($0))" } ?? "đang dùng")"
                        )
                    }
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Thu hồi một khoá.")
            @OptionGroup var options: CommonOptions
            @Argument(help: "Số khoá.") var id: Int

            func run() async throws {
                try await withServices(options) { services in
                    try await services.open311Keys.revoke(id, by: nil, at: services.clock.now())
                    print("Đã thu hồi khoá số \(id).")
                }
            }
        }
    }
}
