import Foundation
import KerkoCore

/// Loads the text resources bundled with the Analysis module (`Resources/`).
enum AnalysisResources {
    /// The UTF-8 text of `Resources/<name>`, or a `KerkoError.resource`.
    static func text(_ name: String) throws -> String {
        let dot = name.lastIndex(of: ".")!
        let base = String(name[..<dot]), ext = String(name[name.index(after: dot)...])
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources") else {
            throw KerkoError.resource(name: name, reason: "not found in the Analysis bundle")
        }
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw KerkoError.resource(name: name, reason: "\(error)")
        }
    }

    /// Non-empty lines of a resource, without `#` comments and surrounding whitespace.
    static func lines(_ name: String) throws -> [Substring] {
        try text(name).split(whereSeparator: \.isNewline).compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.isEmpty || t.hasPrefix("#") ? nil : Substring(t)
        }
    }
}
