import Foundation
import Testing
import KMATickerTestSupport

/// The layers' direction (docs/ARCHITECTURE.md), read from the sources themselves: each target
/// imports only the kmaticker targets below it. Package.swift declares the same dependencies,
/// and `.ci/run` builds with `--explicit-target-dependency-import-check error`, so an import
/// the manifest does not declare fails the build too; this test fails when the manifest and
/// the sources agree on a step back up the flow.
@Suite struct LayerImportsTests {
    /// Bottom to top. A target may import those before it in this list, and no other.
    static let layers = ["KMATickerModel", "KMATickerInput", "KMATickerText", "KMATickerParsing",
                         "KMATickerStore", "KMATickerReport", "KMATickerKit", "kmaticker"]
    /// What each target may import besides the layers below it, and why not more.
    static let exceptions: [String: Set<String>] = [
        // The store keeps observations, not pages as read: it needs no input, text or ticker layer.
        "KMATickerStore": ["KMATickerModel"],
        // Reports read the store; they never parse.
        "KMATickerReport": ["KMATickerModel", "KMATickerStore"],
    ]

    static let sources = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("Sources")

    /// The kmaticker modules each file of `target` imports.
    static func imports(of target: String) throws -> [(file: String, module: String)] {
        let folder = sources.appendingPathComponent(target)
        guard let files = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { continue }
                let module = String(words[index + 1])
                if module == "kmaticker" || module.hasPrefix("KMATicker") { found.append((target + "/" + file, module)) }
            }
        }
        return found
    }

    @Test(arguments: layers)
    func importsOnlyLayersBelow(target: String) throws {
        let position = Self.layers.firstIndex(of: target)!
        let allowed = Self.exceptions[target] ?? Set(Self.layers[..<position])
        let found = try Self.imports(of: target)
        #expect(!found.isEmpty || target == "KMATickerModel", "no imports read from \(target): the path is wrong")
        for (file, module) in found {
            #expect(allowed.contains(module), "\(file) imports \(module), which is not below it")
        }
    }

    /// The test reads real imports: the model imports no layer at all, and the top imports several.
    @Test func theTableCoversEveryLibraryTarget() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { $0.hasPrefix("KMATicker") }
        #expect(Set(targets) == Set(Self.layers.dropLast()))
        #expect(try Self.imports(of: "KMATickerModel").isEmpty)
        #expect(Set(try Self.imports(of: "KMATickerKit").map(\.module)).count >= 5)
    }
}
