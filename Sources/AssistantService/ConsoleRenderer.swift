import AssistantCore
import Platforms

/// Renders a reply for a plain terminal: bold markers removed, links shown as "title: url", escaped characters
/// (``MarkdownLiteral``) shown plain, emergency replies marked so they stand out.
enum ConsoleRenderer {
    static func render(_ reply: Reply) -> String {
        var text = ""
        for piece in AssistantMarkdown.pieces(reply.text) {
            switch piece {
            case .text(let literal): text += literal
            case .strong: break
            case .link(let title, let url): text += "\(title): \(url)"
            }
        }
        switch reply.kind {
        case .emergency: return "bot> ⚠ " + text
        default: return "bot> " + text
        }
    }
}
