import Foundation
import Testing
import KMATickerTestSupport

/// scripts/package: the statically linked binary in a .deb and a .tar.xz, installed where the
/// Swift toolchain cannot be seen.
///
/// One test, because scripts/package builds the release binary (about two minutes) and its
/// output is checked step by step; its temporary folder goes when the test ends.
@Suite struct PackageTests {
    static let root = Fixtures.directory.deletingLastPathComponent()

    /// The sonames every package of kmaticker needs: the ten libraries it links.
    static let linkedLibraries: Set<String> = ["libsqlite3.so.0", "libpcre2-8.so.0", "libxml2.so.2", "libz.so.1", "libdeflate.so.0",
                                               "libzstd.so.1", "libzip.so.4", "libcurl.so.4", "libcrypto.so.3", "libxlsxwriter.so.4"]
    /// What else the binary may need: libc and the C/C++ runtime, never a Swift library.
    static let systemLibraries: Set<String> = ["libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
                                               "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"]

    @Test func installsAndRunsWithoutTheSwiftToolchain() throws {
        let directory = try TemporaryDirectory()
        let out = directory.path("out")
        let packaged = try ProcessRunner.run(Self.root.appendingPathComponent("scripts/package").path, [out], directory: Self.root)
        try #require(packaged.status == 0, "scripts/package failed: \(packaged.stderrText)")

        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let version = try dynamicVersion().split(separator: "\n")[0].split(separator: " ")[1]
        let debArch = try run("/usr/bin/dpkg", ["--print-architecture"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let arch = try run("/usr/bin/uname", ["-m"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let deb = "kmaticker_\(version)_\(debArch).deb", tarball = "kmaticker-\(version)-linux-\(arch).tar.xz"
        #expect(files == [tarball, deb].sorted())
        let debPath = out + "/" + deb, tarPath = out + "/" + tarball
        // The README's Install section names these files; it and the guide say each is 4 MB.
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("./.build/package/" + deb) && readme.contains(".build/package/" + tarball),
                "README's Install section names other files than \(files)")
        for path in [debPath, tarPath] {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect((3_000_000...6_000_000).contains(size), "\(path) is \(size) bytes: README says 4 MB")
        }

        try checkControlFields(debPath, version: String(version), architecture: debArch)
        try checkDebContents(debPath)
        try checkTarballContents(tarPath, top: "kmaticker-\(version)-linux-\(arch)")

        // Installed as dpkg would, into a root of its own.
        let installed = directory.path("root")
        _ = try run("/usr/bin/dpkg-deb", ["-x", debPath, installed])
        let binary = installed + "/usr/bin/kmaticker"
        try checkNeededLibraries(binary)
        // No full Foundation, whose internationalization library brings ICU's data (34 MB of
        // the packaged binary once): the dynamically linked binary names FoundationEssentials only.
        let dynamicNeeded = try neededLibraries(KMATickerBinary.url.path)
        #expect(dynamicNeeded.isDisjoint(with: ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"]),
                "NEEDED: \(dynamicNeeded.sorted())")
        try checkRunsHidden(binary, in: directory)
    }

    /// Package, Version (the binary's), Architecture (dpkg's), and Depends: one package per
    /// shared library the binary needs, the package dpkg says owns that library.
    func checkControlFields(_ deb: String, version: String, architecture: String) throws {
        let field = { (name: String) in try run("/usr/bin/dpkg-deb", ["-f", deb, name]).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try field("Package") == "kmaticker")
        #expect(try field("Version") == version)
        #expect(try field("Architecture") == architecture)
        let depends = try field("Depends").split(separator: ",").map {
            String($0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
        let directory = try TemporaryDirectory()
        _ = try run("/usr/bin/dpkg-deb", ["-x", deb, directory.path("root")])
        #expect(Set(depends) == (try owningPackages(directory.path("root") + "/usr/bin/kmaticker")),
                "Depends: \(depends)")
        #expect(depends.count == Set(depends).count)
    }

    /// The Debian packages that own the shared libraries `binary` names as NEEDED, found by
    /// `ldd` and `dpkg -S` (a library's path may be registered with or without /usr). `ldd`
    /// lists the libraries those need too, which are their packages' dependencies, not ours.
    func owningPackages(_ binary: String) throws -> Set<String> {
        let needed = try neededLibraries(binary)
        let ldd = try run("/usr/bin/ldd", [binary])
        var packages: Set<String> = []
        for line in ldd.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let arrow = parts.firstIndex(of: "=>"), arrow + 1 < parts.count,
                  needed.contains(String(parts[0])) else { continue }
            let path = String(parts[arrow + 1])
            let owner = try ProcessRunner.run("/bin/sh", ["-c", """
                for p in "$1" "$(readlink -f "$1")" "/usr$1" "${1#/usr}"; do dpkg -S "$p" 2>/dev/null && exit 0; done; exit 1
                """, "sh", path])
            #expect(owner.status == 0, "no package owns \(path)")
            // `libsqlite3-0:amd64: /usr/lib/…`
            if let name = owner.stdoutText.split(separator: ":").first { packages.insert(String(name)) }
        }
        return packages
    }

    /// The README and the documents it links to, installed in the same layout so its links work.
    static let documents = ["README.md", "BENCHMARKS.md", "CONTRIBUTING.md",
                            "docs/GUIDE.md", "docs/TROUBLESHOOTING.md", "docs/ARCHITECTURE.md"]

    func checkDebContents(_ deb: String) throws {
        let listing = try run("/usr/bin/dpkg-deb", ["-c", deb])
        let entries = listing.split(separator: "\n")
        let files = Set(entries.filter { $0.hasPrefix("-") }.compactMap { $0.split(separator: " ").last.map(String.init) })
        let expected = ["./usr/bin/kmaticker", "./usr/share/man/man1/kmaticker.1.gz",
                        "./usr/share/bash-completion/completions/kmaticker",
                        "./usr/share/zsh/vendor-completions/_kmaticker",
                        "./usr/share/fish/vendor_completions.d/kmaticker.fish"]
            + Self.documents.map { "./usr/share/doc/kmaticker/" + $0 }
        #expect(files == Set(expected))
        // --root-owner-group: everything belongs to root.
        #expect(entries.allSatisfy { $0.contains(" root/root ") }, "\(listing)")
        #expect(entries.contains { $0.hasPrefix("-rwxr-xr-x") && $0.hasSuffix("./usr/bin/kmaticker") })
    }

    func checkTarballContents(_ tarball: String, top: String) throws {
        let listing = try run("/usr/bin/tar", ["-tJf", tarball])
        let files = Set(listing.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/") })
        #expect(files == Set((["bin/kmaticker", "share/man/man1/kmaticker.1",
                              "share/bash-completion/completions/kmaticker",
                              "share/zsh/site-functions/_kmaticker",
                              "share/fish/vendor_completions.d/kmaticker.fish",
                              ] + Self.documents.map { "share/doc/kmaticker/" + $0 }).map { top + "/" + $0 }))
        // The manual page is the checked-in one.
        let page = try ProcessRunner.run("/usr/bin/tar", ["-xJOf", tarball, top + "/share/man/man1/kmaticker.1"]).stdout
        #expect(page == (try Data(contentsOf: Self.root.appendingPathComponent("share/man/man1/kmaticker.1"))))
    }

    /// The binary needs the six libraries kmaticker links and the C runtime, nothing of Swift's.
    func checkNeededLibraries(_ binary: String) throws {
        let dump = try run("/usr/bin/objdump", ["-p", binary])
        let needed = try neededLibraries(binary)
        #expect(Self.linkedLibraries.isSubset(of: needed), "NEEDED: \(needed.sorted())")
        #expect(needed.subtracting(Self.linkedLibraries).isSubset(of: Self.systemLibraries), "NEEDED: \(needed.sorted())")
        #expect(!dump.contains("RUNPATH") && !dump.contains("RPATH"), "the binary still has a run path")
    }

    /// The sonames `objdump -p` lists as NEEDED.
    func neededLibraries(_ binary: String) throws -> Set<String> {
        Set(try run("/usr/bin/objdump", ["-p", binary]).split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.first == "NEEDED" && words.count > 1 ? String(words[1]) : nil
        })
    }

    /// The installed binary answers `--version`, ingests the seed and queries it with the
    /// toolchain hidden, and its export is byte for byte the dynamically linked binary's; the
    /// dynamically linked binary, hidden the same way, cannot start.
    func checkRunsHidden(_ binary: String, in directory: TemporaryDirectory) throws {
        let dynamic = KMATickerBinary.url.path
        let seed = Fixtures.url(Fixtures.seedName).path
        let at = ["--at", "2025-08-18 10:40"]

        let version = try runHidden(binary, ["--version"], home: directory)
        #expect(version.status == 0, "\(version.stderrText)")
        #expect(version.stdoutText == (try dynamicVersion()))

        let store = directory.path("static.sqlite")
        let ingest = try runHidden(binary, ["ingest", "--db", store] + at + [seed], home: directory)
        #expect(ingest.status == 0, "\(ingest.stderrText)")
        #expect(ingest.stdoutText.hasPrefix("\(seed): 97 new"))
        // The seed's expected export row for 대전, but for the time's source: --at, not the
        // page's header.
        let golden = try String(contentsOf: Fixtures.url("000_24a8cc3d9cd846fc.export.csv"), encoding: .utf8)
        let daejeon = try #require(golden.split(whereSeparator: \.isNewline).first { $0.contains(",133,대전,") })
        let row = daejeon.split(separator: ",").dropLast().joined(separator: ",") + ",at-option"
        #expect(row.hasPrefix("2025-08-18T10:40:00+09:00,133,대전,맑음,30.3,ticker,000_24a8cc3d9cd846fc.txt,"))
        let query = try runHidden(binary, ["query", "--db", store, "--station", "대전", "--format", "csv"], home: directory)
        #expect(query.status == 0, "\(query.stderrText)")
        #expect(query.stdoutText.split(whereSeparator: \.isNewline).dropFirst().map(String.init) == [row])

        // The hiding is real: the binary `swift build` makes cannot find the Swift runtime
        // (a debug build misses libswiftSwiftOnoneSupport.so first, a release build libswiftCore.so).
        let hiddenDynamic = try runHidden(dynamic, ["--version"], home: directory)
        #expect(hiddenDynamic.status == 127)
        #expect(hiddenDynamic.stderrText.contains("error while loading shared libraries: libswift"), "\(hiddenDynamic.stderrText)")

        // The same store through both binaries exports the same bytes.
        let dynamicStore = directory.path("dynamic.sqlite")
        let kmaticker = KMATickerBinary(home: directory.url)
        #expect(try kmaticker.run(["ingest", "--db", dynamicStore] + at + [seed]).status == 0)
        for format in ["csv", "json"] {
            let fromStatic = try runHidden(binary, ["export", "--db", store, "--format", format], home: directory)
            let fromDynamic = try ProcessRunner.run(dynamic, ["export", "--db", dynamicStore, "--format", format],
                                                    environment: kmaticker.processEnvironment)
            #expect(fromStatic.status == 0 && fromDynamic.status == 0)
            #expect(fromStatic.stdout.count > 10_000)
            #expect(fromStatic.stdout == fromDynamic.stdout, "the \(format) exports differ")
        }
    }

    /// Runs `binary` in a mount namespace of its own where an empty tmpfs covers the Swift
    /// toolchain's folder, with a bare environment (no LD_LIBRARY_PATH, PATH without Swift).
    func runHidden(_ binary: String, _ arguments: [String], home: TemporaryDirectory) throws -> ProcessOutput {
        let toolchain = try Self.toolchainRoot()
        // Root (as in CI) makes the namespace itself; anyone else through a user namespace.
        let unshare = getuid() == 0 ? ["-m"] : ["-r", "-m"]
        return try ProcessRunner.run("/usr/bin/unshare", unshare + ["/bin/sh", "-c", "mount -t tmpfs tmpfs \"$0\" && exec \"$@\"",
                                                                    toolchain, binary] + arguments,
                                     environment: ["PATH": "/usr/bin:/bin", "HOME": home.url.path, "LANG": "C.UTF-8"],
                                     directory: home.url)
    }

    /// The toolchain's top folder, from the `swift` on PATH: `/opt/swift` for `/opt/swift/usr/bin/swift`.
    static func toolchainRoot() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let swift = try #require(path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("swift") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }, "no swift on PATH")
        let root = swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        // A toolchain installed into / or /usr cannot be hidden without hiding the system.
        try #require(root != "/" && root != "/usr", "the Swift toolchain is not in a folder of its own")
        return root
    }

    func dynamicVersion() throws -> String {
        try ProcessRunner.run(KMATickerBinary.url.path, ["--version"]).stdoutText
    }

    /// What `executable` prints; a failure is recorded with its stderr.
    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let output = try ProcessRunner.run(executable, arguments)
        #expect(output.status == 0, "\(executable) \(arguments.joined(separator: " ")): \(output.stderrText)")
        return output.stdoutText
    }
}
