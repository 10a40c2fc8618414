import Foundation
import Testing
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Ingest

/// Hostile and broken files, generated in a temporary folder next to real good files: each bad file gets
/// its own correct error, and the good files are read.
@Suite struct HostileInputTests {
    static let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz>&lol9;</lolz>
        """

    /// A loopback TCP listener that records whether anyone connected.
    final class Listener {
        let fd: Int32
        let port: UInt16
        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
            guard ok == 0, listen(fd, 8) == 0 else { close(fd); throw StringError("cannot listen") }
            _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            self.port = UInt16(bigEndian: addr.sin_port)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        /// True if a connection is waiting (someone tried to fetch).
        var wasContacted: Bool {
            let c = accept(fd, nil, nil)
            if c >= 0 { close(c); return true }
            return false
        }
        deinit { close(fd) }
    }

    @Test func eachBadFileFailsAloneAndTheOthersAreRead() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let secretDir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: secretDir) }
        let secret = "KERKO-SECRET-\(UUID().uuidString)"
        let secretFile = secretDir.appendingPathComponent("secret.txt")
        try secret.write(to: secretFile, atomically: true, encoding: .utf8)
        let listener = try Listener()
        let fm = FileManager.default
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        func write(_ name: String, _ s: String) throws { try write(name, Array(s.utf8)) }

        // Good files (real).
        try fm.copyItem(at: corpusDir.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt"), to: dir.appendingPathComponent("good.en.txt"))
        try fm.copyItem(at: corpusDir.appendingPathComponent("gazette/00d965c91acffee9b98ed8a4.html"), to: dir.appendingPathComponent("good-gazette.html"))
        try fm.copyItem(at: corpusDir.appendingPathComponent("office/civikos-report-2012-2013.sq.docx"), to: dir.appendingPathComponent("good.docx"))
        // A DTD fetched from the network would be a leak too: with no entities, the file is read and nothing fetched.
        try write("external-dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://127.0.0.1:\(listener.port)/r.dtd\">\n<r><p>Ligji Nr. 04/L-057</p></r>\n")

        // Bad files.
        try write("malformed.xml", "<?xml version=\"1.0\"?>\n<act>\n  <title>Ligji</title>\n  <p>Neni 1</act>\n")
        try write("undecodable.txt", Array("Ligji per ".utf8) + [0x81, 0x90, 0x9D, 0x8D, 0x8F] + Array(" dhe ".utf8) + [0x81, 0x81, 0x90])
        try write("empty.txt", [])
        try write("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] + [UInt8](repeating: 0, count: 64))
        try write("billion-laughs.xml", Self.laughs)
        try write("billion-laughs-utf16.xml", [0xFF, 0xFE] + Array(Self.laughs.replacingOccurrences(of: "<?xml version=\"1.0\"?>", with: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try write("xxe-file.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secretFile.path)\">]>\n<r>&x;</r>\n")
        try write("xxe-http.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:\(listener.port)/x\">]>\n<r>&x;</r>\n")
        try write("xxe-parameter.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:\(listener.port)/p\"> %p;]>\n<r/>\n")
        // Zip bomb: a DOCX whose document.xml inflates to 40 MB of spaces (about 40 kB compressed).
        let bomb = dir.appendingPathComponent("bomb.docx")
        let archive = try Archive(url: bomb, accessMode: .create)
        let size = 40 << 20
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { pos, n in
            Data(repeating: 0x20, count: n)
        }
        let big = String(repeating: "Kuvendi i Republikës së Kosovës miraton Ligjin Nr. 04/L-057.\n", count: 2000)   // ~124 kB
        try write("oversized.txt", big)
        try write("unreadable.txt", "Ligji Nr. 04/L-057")
        try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: dir.appendingPathComponent("unreadable.txt").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("self-loop.txt").path, withDestinationPath: "self-loop.txt")
        try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/back").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.txt").path, withDestinationPath: "no-such-file.txt")
        try write(".hidden.txt", "hidden")
        try write("notes.xyz", "unsupported")

        let started = Date()
        let r = Ingestor(options: IngestOptions(maxFileBytes: 100_000)).read(paths: [dir.path])
        #expect(Date().timeIntervalSince(started) < 30)

        // Good files read.
        #expect(r.document("good.en.txt")?.title == "2nd National Congress – Kosovo We Want!")
        #expect(r.document("good-gazette.html")?.number == "03/L-212")
        #expect(r.document("good.docx")?.lang == .sq)
        #expect(r.document("external-dtd.xml")?.text == "Ligji Nr. 04/L-057")

        // Each bad file: its own error.
        if case let .malformedXML(line, column, message)? = r.failure("/malformed.xml") {
            #expect(line == 4); #expect(column > 0); #expect(message.contains("mismatch"))
        } else { Issue.record("malformed.xml: \(String(describing: r.failure("/malformed.xml")))") }
        #expect({ if case .undecodable? = r.failure("/undecodable.txt") { true } else { false } }(), "\(String(describing: r.failure("/undecodable.txt")))")
        #expect(r.failure("/empty.txt") == .empty)
        #expect({ if case .binaryData? = r.failure("/binary.txt") { true } else { false } }())
        #expect(r.failure("/billion-laughs.xml") == .entityDeclarations(count: 10))
        #expect({ if case .entityDeclarations? = r.failure("/billion-laughs-utf16.xml") { true } else { false } }(),
                "\(String(describing: r.failure("/billion-laughs-utf16.xml")))")
        #expect(r.failure("/xxe-file.xml") == .entityDeclarations(count: 1))
        #expect(r.failure("/xxe-http.xml") == .entityDeclarations(count: 1))
        #expect(r.failure("/xxe-parameter.xml") == .entityDeclarations(count: 1))
        #expect({ if case .zipBomb? = r.failure("/bomb.docx") { true } else { false } }(), "\(String(describing: r.failure("/bomb.docx")))")
        #expect({ if case .tooLarge(let b, 100_000)? = r.failure("/oversized.txt") { b > 100_000 } else { false } }())
        #expect({ if case .symlinkLoop? = r.failure("/self-loop.txt") { true } else { false } }())
        #expect({ if case .symlinkLoop? = r.failure("/sub/back") { true } else { false } }())
        #expect({ if case .unreadable? = r.failure("/dangling.txt") { true } else { false } }())
        if getuid() == 0 {
            // root reads mode-000 files: the file is read like any other
            #expect(r.document("unreadable.txt")?.number == "04/L-057")
        } else {
            #expect(r.failure("/unreadable.txt") == .unreadable("Permission denied"))
        }
        #expect(r.skipped.contains { $0.path.hasSuffix("/notes.xyz") && $0.reason == "unsupported format .xyz" })
        #expect(!r.entries.contains { $0.path.contains(".hidden") })

        // Nothing leaked or fetched.
        for d in r.documents { #expect(!d.text.contains(secret)) }
        for f in r.failed { #expect(!f.error.contains(secret)) }
        #expect(!listener.wasContacted)
        let expectedFailures = getuid() == 0 ? 14 : 15
        #expect(r.failed.count == expectedFailures, "\(r.failed.map { "\($0.path): \($0.error)" })")
        // Every failure names the file: paths are absolute and unique.
        #expect(Set(r.failed.map(\.path)).count == r.failed.count)
    }

    @Test func zipLimitsAreCheckedWhileInflatingNotFromHeaders() throws {
        // The same bomb passes with limits raised, and fails with a small byte limit although its
        // headers tell the truth: the count is taken from the inflated stream.
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("spaces.docx")
        let archive = try Archive(url: url, accessMode: .create)
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Ligji Nr. 04/L-057</w:t></w:r></w:p>" + String(repeating: " ", count: 2_000_000) + "</w:body></w:document>"
        let data = Data(body.utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, n in
            data.subdata(in: Int(pos)..<Int(pos) + n)
        }
        let lenient = IngestOptions(maxZipExpansionRatio: 100_000)
        #expect(try readOne(url, options: lenient).get().text == "Ligji Nr. 04/L-057")
        let strict = IngestOptions(maxZipUncompressedBytes: 1_000_000, maxZipExpansionRatio: 100_000)
        let e = Ingestor(options: strict).readFile(path: url.path, id: "spaces.docx")
        guard case let .failed(err) = e.outcome, case let .zipBomb(reason) = err else { Issue.record("\(e.outcome)"); return }
        #expect(reason.contains("1000000 bytes"))
        // default ratio (100×): 2 MB from a ~2 kB container is refused
        guard case .failed(.zipBomb) = Ingestor().readFile(path: url.path, id: "spaces.docx").outcome else { Issue.record("ratio not enforced"); return }
    }

    @Test func notAZipUnderDocx() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let u = dir.appendingPathComponent("fake.docx")
        try Data("Ligji Nr. 04/L-057".utf8).write(to: u)
        guard case .failed(.invalidContainer) = Ingestor().readFile(path: u.path, id: "fake.docx").outcome else { Issue.record("expected invalidContainer"); return }
    }
}


@Suite struct DeepNestingTests {
    @Test func deeplyNestedXMLAndHTMLDoNotCrash() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let n = 100_000
        let xml = "<?xml version=\"1.0\"?>" + String(repeating: "<a>", count: n) + "Ligji" + String(repeating: "</a>", count: n)
        try xml.write(to: dir.appendingPathComponent("deep.xml"), atomically: true, encoding: .utf8)
        let html = "<html><body>" + String(repeating: "<div>", count: n) + "Ligji Nr. 04/L-057" + String(repeating: "</div>", count: n) + "</body></html>"
        try html.write(to: dir.appendingPathComponent("deep.html"), atomically: true, encoding: .utf8)
        let html200 = "<html><body>" + String(repeating: "<div>", count: 200) + "Ligji Nr. 04/L-057" + String(repeating: "</div>", count: 200) + "</body></html>"
        try html200.write(to: dir.appendingPathComponent("deep200.html"), atomically: true, encoding: .utf8)
        let r = Ingestor().read(paths: [dir.path])
        // libxml2 refuses XML nested deeper than 256 levels (no XML_PARSE_HUGE): a malformed-XML error
        guard case let .malformedXML(_, _, message)? = r.failure("/deep.xml") else { Issue.record("\(r.entries.map(\.outcome))"); return }
        #expect(message.lowercased().contains("depth"))
                // The HTML parser halts there too: refused with its reason, not read as a truncated (empty) page.
        guard case let .malformedHTML(_, _, m)? = r.failure("/deep.html") else { Issue.record("\(String(describing: r.failure("/deep.html")))"); return }
        #expect(m.lowercased().contains("depth"))
        // 200 levels (under libxml2's 256): read in full.
        #expect(r.document("deep200.html")?.text == "Ligji Nr. 04/L-057")
    }
}
