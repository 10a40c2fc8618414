import Foundation
import CLibXML2
public enum _IngestPlaceholder { public static func v() -> Int32 { LIBXML_VERSION } }
