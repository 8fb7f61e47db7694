import ArgumentParser

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Enregistrer ce qui est arrivé aux lettres : remises, absents, retours, pertes, refus, rejets.",
        subcommands: [RecordOutcomeCommand.self, RecordUndoCommand.self],
        defaultSubcommand: RecordOutcomeCommand.self)
}
