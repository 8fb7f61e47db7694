import ArgumentParser

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Prévoir qui reçoit ses identifiants par quel canal, selon une stratégie de distribution.",
        subcommands: [PlanCreateCommand.self, PlanShowCommand.self],
        defaultSubcommand: PlanCreateCommand.self)
}
