import ArgumentParser
import HaiCapWeb

@main
struct HaiCapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haicap",
        abstract: "HaiCap — nền tảng chính quyền số hai cấp của TP. Hồ Chí Minh.",
        subcommands: [
            Serve.self, Migrate.self, Seed.self, UserCommand.self, TokenCommand.self, AuditCommand.self,
            CalendarCommand.self, BenchCommand.self, ImportCommand.self, PortalSimCommand.self, EdXMLSimCommand.self, Open311Command.self
        ],
        defaultSubcommand: Serve.self
    )
}
