import ArgumentParser

@main
struct Staybook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staybook",
        abstract: "Builds a call-center retention handbook from Markdown playbooks into a static intranet site.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, InitCommand.self, NewCommand.self, ThemeCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
