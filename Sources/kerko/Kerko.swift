import ArgumentParser

@main
struct Kerko: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kerko",
        abstract: "Kërko: ingest and search Albanian, English and Serbian documents.",
        subcommands: [])
}
