import Foundation
import CStemmer
import KerkoCore
public enum _AnalysisPlaceholder { public static func list() -> Int { var n = 0; let l = sb_stemmer_list(); while l?[n] != nil { n += 1 }; return n } }
