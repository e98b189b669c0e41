import ArgumentParser
import Foundation
import HaiCapDomain
import HaiCapStorage
import HaiCapWeb

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Nhập dữ liệu từ file (toàn bộ hoặc không gì cả).",
        subcommands: [ImportProcedures.self, ImportBoundaries.self])
}

struct ImportProcedures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedures",
        abstract: "Nhập thủ tục hành chính từ file JSON theo cấu trúc CSDL TTHC quốc gia (MATTHC, TENTTHC, CACHTHUCTHUCHIEN, …).")

    @OptionGroup var options: CommonOptions
    @Argument(help: "Đường dẫn file JSON.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Không đọc được file \(file).") }
        try await withServices(options) { services in
            do {
                let summary = try await services.procedures.importCatalogue(String(decoding: data, as: UTF8.self), by: nil, at: services.clock.now())
                print("Đã thêm: \(summary.added.isEmpty ? "không có" : summary.added.joined(separator: ", "))")
                if !summary.unchanged.isEmpty { print("Không đổi: \(summary.unchanged.joined(separator: ", "))") }
            } catch let error as HaiCapDomain.ValidationError {
                throw ValidationError("File bị từ chối, không có gì được ghi: \(error.message)")
            }
        }
    }
}

struct PortalSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-sim",
        abstract: "Chạy máy nhận giả lập Cổng DVCQG (DongBoHoSoMC): ghi lại dữ liệu, có thể giả lập lỗi hoặc chậm.")

    @Option(help: "Địa chỉ lắng nghe.") var host = "127.0.0.1"
    @Option(help: "Cổng.") var port = 9099
    @Option(help: "Trả lỗi 503 cho N yêu cầu đầu tiên.") var failNext = 0
    @Option(help: "Trả lỗi 503 cho mỗi yêu cầu thứ N.") var failEvery = 0
    @Option(help: "Chậm mỗi yêu cầu N mili giây.") var delayMs = 0

    func run() async throws {
        let simulator = PortalSimulator(failNext: failNext, failEvery: failEvery, delayMs: delayMs)
        try await simulator.serve(host: host, port: port) { bound in
            print("portal-sim đang nhận tại http://\(host):\(bound)/ (GET /records, POST /control)")
        }
    }
}
