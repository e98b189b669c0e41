import ArgumentParser
import Foundation
import HaiCapWeb

/// `haicap edxml-sim`: a stand-in document exchange for demos and tests.
struct EdXMLSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edxml-sim",
        abstract: "Chạy trục liên thông văn bản giả lập (edXML): nhận, đọc và ghi lại gói tin, có thể giả lập lỗi.")

    @Option(help: "Địa chỉ lắng nghe.") var host = "127.0.0.1"
    @Option(help: "Cổng.") var port = 9098
    @Option(help: "Trả lỗi 503 cho N yêu cầu đầu tiên.") var failNext = 0

    func run() async throws {
        let simulator = EdXMLSimulator(failNext: failNext)
        try await simulator.serve(host: host, port: port) { bound in
            print("edxml-sim đang nhận tại http://\(host):\(bound)/ (GET /messages, POST /control)")
        }
    }
}
