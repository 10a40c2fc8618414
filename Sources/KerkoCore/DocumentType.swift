/// The kind of document, as people filter by it (`type:draft-law`). Raw values are the CLI's names.
public enum DocumentType: String, Sendable, CaseIterable, Codable, Hashable {
    case law
    case draftLaw = "draft-law"
    case administrativeInstruction = "administrative-instruction"
    case regulation
    case decision
    case strategy
    case conceptDocument = "concept-document"
    case report
    case debate
    case judgment
    case other
}
