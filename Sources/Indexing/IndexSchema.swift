import Storage

/// Kërko's fields (ANALYSIS.md §P9): full text twice — stemmed (`*.stem`, every stem of a token at its
/// position) and folded unstemmed (`*.exact`, so an exact form can rank higher) — for title and body, with
/// positions and one norm slot each; and keyword fields (doc ids only) for filters. Document ids are not a field: they are the segment info's
/// document keys. Keyword values are
/// lowercased; `date` is ISO `YYYY-MM-DD`, so byte order is date order and range look-ups work.
public enum IndexSchema {
    public static let titleStem = 0, titleExact = 1, bodyStem = 2, bodyExact = 3
    public static let type = 4, lang = 5, number = 6, date = 7, year = 8, institution = 9, cites = 10, gazette = 11

    /// Norm slots: field lengths (indexed positions) of title and body.
    public static let titleSlot = 0, bodySlot = 1

    public static let schema = Schema(fields: [
        FieldInfo(number: titleStem, name: "title.stem", options: .positions, normSlot: titleSlot),
        FieldInfo(number: titleExact, name: "title.exact", options: .positions, normSlot: titleSlot),
        FieldInfo(number: bodyStem, name: "body.stem", options: .positions, normSlot: bodySlot),
        FieldInfo(number: bodyExact, name: "body.exact", options: .positions, normSlot: bodySlot),
        FieldInfo(number: type, name: "type", options: .docs, normSlot: nil),
        FieldInfo(number: lang, name: "lang", options: .docs, normSlot: nil),
        FieldInfo(number: number, name: "number", options: .docs, normSlot: nil),
        FieldInfo(number: date, name: "date", options: .docs, normSlot: nil),
        FieldInfo(number: year, name: "year", options: .docs, normSlot: nil),
        FieldInfo(number: institution, name: "institution", options: .docs, normSlot: nil),
        FieldInfo(number: cites, name: "cites", options: .docs, normSlot: nil),
        FieldInfo(number: gazette, name: "gazette", options: .docs, normSlot: nil),
    ], normSlots: ["title", "body"])
}
