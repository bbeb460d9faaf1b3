import Foundation
import Testing

/// #15: `Int(seconds * 1000)` on a server's `Retry-After: 1e300` killed the whole service. This check reads every
/// file in Sources/ and finds integer conversions (`Int(`, `Int64(`, `UInt32(`, …) whose argument looks like a
/// floating-point value (`*`, `/`, `Double`, `.rounded`, `seconds`, `hours`, `timeInterval`, …). Each one found must
/// be on the reviewed list below, with why it cannot trap; a new one fails this test until it is reviewed (make the
/// value safe first, e.g. with `ServerDuration`, `Int(exactly:)` or a range check, then list it).
///
/// A heuristic without types: it also lists some integer-to-integer conversions (reviewed as harmless), and a
/// conversion spread over several lines is read up to the end of its first line.
struct DoubleToIntegerConversionTests {
    /// `file: expression` → why it is safe.
    static let reviewed: [String: String] = [
        "CurlHTTP/ServerDuration.swift: Int64((safe * 1_000).rounded())": "clamped to 0…3600 s just above",
        "CurlHTTP/CurlTransport.swift: Int((min(max(seconds, 0.001), 86_400) * 1_000).rounded())":
            "finite (checked just above) and clamped to 1 ms…1 day",
        "AssistantCore/Evaluation/EvaluationReport.swift: Int((fraction * Double(sorted.count)).rounded(.up))":
            "fraction is a percentile in 0…1 chosen in code",
        "AssistantEvaluation/SnippetBenchmark.swift: Int((Double(latencies.count - 1) * p).rounded())":
            "p is a percentile in 0…1 chosen in code",
        "AssistantService/Runtime/Housekeeping.swift: Int64(draftExpiryHours)":
            "Int to Int64; the configuration range-checks expire_after_hours (1…8760)",
        "IntentClassifier/IntentTrainer.swift: Int((Double(epochs) * configuration.averagedFraction).rounded())":
            "training configuration in code",
        "IntentClassifier/IntentTrainer+Tuning.swift: Int((minimumRecall * Double(total)).rounded(.up))":
            "recall in 0…1 from the trainer",
        "IntentClassifier/SoftmaxTrainer.swift: UInt64(Double(dropout) * Double(UInt64.max))":
            "dropout in 0…1 from the trainer",
        "IntentClassifier/SoftmaxTrainer.swift: UInt64(Double(denseDropout) * Double(UInt64.max))":
            "dropout in 0…1 from the trainer",
        "IntentClassifier/TokenVectors.swift: UInt32(u32(vocabEnd + 4 * i))": "integer arithmetic only",
        "AssistantService/Runtime/AssistantRuntime.swift: Int64(configuration.escalateAfterMinutes)":
            "Int to Int64; the configuration range-checks escalate_after_minutes (1…10080)",
        // The relay's own: each value range-checked or clamped where it is converted.
        "RelayServer/RelayConfigurationFile.swift: Int64((hours * 3600).rounded())":
            "retention_hours is range-checked to 1…720 by the strict reader just above",
        "RelayServer/RelaySettings.swift: Int((min(max(holdSeconds, 0), 60) * 1000).rounded())":
            "finite checked just above, clamped to 0…60 s",
        "RelayServer/RelaySettings.swift: Int((min(max(bodyReadSeconds, 1), 60) * 1000).rounded())":
            "finite checked just above, clamped to 1…60 s",
    ]

    /// Reading the system clock is not a value from outside.
    static let clock = "Date().timeIntervalSince1970"

    @Test func noUnreviewedConversionOfAFloatingPointValueToAnInteger() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let found = try Self.conversions(in: sources)
        #expect(found.count > 10, "the scan found too little: is \(sources.path) the Sources folder?")
        let unreviewed = found.filter { Self.reviewed[$0.key] == nil && !$0.key.hasSuffix("(\(Self.clock))") }
        let list = unreviewed.map { "\($0.location): \($0.key)" }.joined(separator: "\n")
        #expect(unreviewed.isEmpty, "unreviewed integer conversions of floating-point values:\n\(list)")
    }

    @Test func theScanFindsTheConversionThatCrashedServe() {
        let line = "        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))"
        #expect(Self.conversions(inLine: line) == ["Int(seconds * 1000)"])
        #expect(Self.conversions(inLine: "let n = Int(text) ?? 0").isEmpty)
        #expect(Self.conversions(inLine: #"let n = Int(settings["poll_timeout_seconds"] ?? "")"#).isEmpty)
        #expect(Self.conversions(inLine: "let t = Int64(event.ts / 1000)") == ["Int64(event.ts / 1000)"])
        #expect(Self.conversions(inLine: "let n = Int(exactly: value * 2)").isEmpty)
        #expect(Self.conversions(inLine: "/// Int(seconds * 1000) in a comment").isEmpty)
    }

    struct Conversion {
        let key: String
        let location: String
    }

    static func conversions(in sources: URL) throws -> [Conversion] {
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var found: [Conversion] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let relative = String(file.path.dropFirst(sources.path.count + 1))
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (number, line) in lines.enumerated() {
                for expression in conversions(inLine: line) {
                    found.append(Conversion(key: "\(relative): \(expression)", location: "\(relative):\(number + 1)"))
                }
            }
        }
        return found
    }

    static var conversion: Regex<(Substring, Substring)> { #/(U?Int(?:8|16|32|64)?)\(/# }
    static var floatingPoint: Regex<Substring> {
        #/\*|/|\.rounded|Double|Float|[Tt]imeInterval|doubleValue|[Ss]econds|[Hh]ours|[Mm]inutes|\d\.\d/#
    }
    static var safeLabels: Regex<(Substring, Substring)> {
        #/^\s*(exactly|clamping|truncatingIfNeeded|bitPattern):/#
    }

    /// The conversions in one line that look like floating point, as written (`Int(seconds * 1000)`).
    static func conversions(inLine line: String) -> [String] {
        guard !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") else { return [] }
        var results: [String] = []
        for match in line.matches(of: conversion) {
            // A name that merely ends in Int (`UInt8`, `bigInt(`, `.Int(`) is not a conversion.
            if match.range.lowerBound > line.startIndex {
                let before = line[line.index(before: match.range.lowerBound)]
                if before.isLetter || before.isNumber || before == "_" || before == "." { continue }
            }
            var depth = 1
            var end = match.range.upperBound
            while end < line.endIndex, depth > 0 {
                if line[end] == "(" { depth += 1 } else if line[end] == ")" { depth -= 1 }
                end = line.index(after: end)
            }
            let argument =
                depth == 0 ? line[match.range.upperBound..<line.index(before: end)] : line[match.range.upperBound...]
            // String literals' contents do not count (`Int(settings["poll_timeout_seconds"] ?? "")` parses text).
            let code = String(argument).replacing(#/"[^"]*"/#, with: "\"\"")
            guard code.firstMatch(of: safeLabels) == nil, !code.contains("radix:"),
                code.firstMatch(of: floatingPoint) != nil
            else { continue }
            results.append("\(match.output.1)(\(argument.trimmingCharacters(in: .whitespaces)))")
        }
        return results
    }
}
