import SafeguardingDesk
import Testing

/// One symbol from an independent encoder: its text, version, mask and modules (`1` dark), row by row.
struct QRCodeFixture: Sendable, CustomStringConvertible {
    let text: String
    let version: Int
    let mask: Int
    let matrix: String

    var description: String { "v\(version) mask \(mask): \(text.prefix(24))" }
}

/// The desk's QR encoder against Python's qrcode (byte mode, level M, versions 1–10, each mask), the penalty rules
/// that choose the mask, and the SVG drawing.
struct QRCodeTests {
    static func rows(_ code: QRCode) -> String {
        (0..<code.size).map { row in
            String((0..<code.size).map { code.isDark(row: row, column: $0) ? "1" : "0" })
        }.joined(separator: "\n")
    }

    @Test(arguments: QRCodeFixtures.all)
    func theSymbolMatchesAnIndependentEncoderModuleByModule(_ fixture: QRCodeFixture) throws {
        let code = try QRCode(text: fixture.text, mask: fixture.mask)
        #expect(code.version == fixture.version)
        #expect(code.size == 17 + 4 * fixture.version)
        #expect(Self.rows(code) == fixture.matrix)
    }

    @Test func theChosenMaskHasTheLowestPenaltyOfTheEight() throws {
        let text = "otpauth://totp/PreventAssist%20desk:alex?secret=JBSWY3DPEHPK3PXPJBSW&issuer=PreventAssist%20desk"
        let chosen = try QRCode(text: text)
        let penalties = try (0..<8).map { try QRCode(text: text, mask: $0).penalty }
        #expect(chosen.penalty == penalties.min())
        #expect(chosen.mask == penalties.firstIndex(of: penalties.min() ?? 0))
        #expect(Self.rows(chosen) == Self.rows(try QRCode(text: text, mask: chosen.mask)))
    }

    @Test func theRunAndFinderPatternPenaltiesCountAsTheStandardSays() {
        // N1: a run of five of one colour is 3, each more module 1.
        #expect(QRCode.linePenalty([true, true, true, true, true, false, true, false, true, false, true]) == 3)
        #expect(QRCode.linePenalty([true, true, true, true, true, true, true, false, true, false, true]) == 5)
        // N3: dark-light-dark×3-light-dark with four light modules on a side (the quiet zone counts as light): at
        // the start of a row it has light on both sides, so it counts twice; after one light module, once.
        #expect(QRCode.linePenalty([true, false, true, true, true, false, true, false, false, false, false]) == 80)
        let inside = [true, true, false, true, false, true, true, true, false, true, false, false, false, false]
        #expect(QRCode.linePenalty(inside) == 40)
    }

    @Test func textLongerThanVersionTenHoldsIsRefused() {
        #expect(throws: QRCode.TooLong.self) { try QRCode(text: String(repeating: "x", count: 214)) }
        #expect((try? QRCode(text: String(repeating: "x", count: 213)))?.version == 10)
    }

    @Test func theDrawingHasAQuietZoneAndOnlyPathCharacters() throws {
        let code = try QRCode(text: "hello", mask: 0)
        let drawing = QRCodeDrawing(code)
        #expect(drawing.side == 21 + 8)
        #expect(drawing.paths.first?.hasPrefix("M4 4h7v1h-7z") == true, "the top-left finder's first row")
        let allowed = Set("Mhvz0123456789 -")
        #expect(drawing.paths.allSatisfy { $0.allSatisfy(allowed.contains) })
        let darkInPaths = drawing.paths.joined(separator: " ").split(separator: "h").dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }.reduce(0, +)
        let dark = (0..<21).reduce(0) { sum, row in sum + (0..<21).filter { code.isDark(row: row, column: $0) }.count }
        #expect(darkInPaths == dark)
    }
}
