/// A document or query language in scope for Kërko.
///
/// `und` (undetermined) is returned by language identification when a text is too short or unclear;
/// the query side then analyzes with every chain.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    case sq, en, sr, und

    /// The three languages that have an analysis chain.
    public static let analyzed: [Language] = [.sq, .en, .sr]

    /// The ICU locale used for word breaking (root UAX #29 rules apply for all three).
    public var icuLocale: String {
        switch self {
        case .sq: return "sq"
        case .en: return "en"
        case .sr: return "sr"
        case .und: return "root"
        }
    }
}
