/// Errors that cross module boundaries. Each renders as the one-line message the CLI prints after
/// `kerko: ` (see ../shared/spec/CLI.md, "Errors").
public enum KerkoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An ICU call failed; `call` names the wrapped C function, `code` is ICU's error name.
    case icu(call: String, code: String)
    /// A bundled resource (stop words, fold rules…) is missing or unreadable.
    case resource(name: String, reason: String)
    /// Input text that cannot be analyzed (e.g. invalid UTF-8), with the reason.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .icu(call, code): return "ICU \(call) failed: \(code)"
        case let .resource(name, reason): return "resource \(name): \(reason)"
        case let .invalidInput(reason): return reason
        }
    }
}
