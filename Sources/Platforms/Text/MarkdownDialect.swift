import ChatModel

/// The render loop the platforms whose markup is itself Markdown share (Mattermost, Zulip): the assistant's pieces
/// in order, literal text escaped the platform's way (knowing whether it starts a line), bold as `**`, links as the
/// platform writes them.
enum MarkdownDialect {
    static func render(
        _ markdown: String,
        escape: (_ text: String, _ atLineStart: Bool) -> String,
        link: (_ title: String, _ url: String) -> String
    ) -> String {
        var output = ""
        for piece in AssistantMarkdown.pieces(markdown) {
            switch piece {
            case .text(let text): output += escape(text, output.isEmpty || output.hasSuffix("\n"))
            case .strong: output += "**"
            case .link(let title, let url): output += link(title, url)
            }
        }
        return output
    }
}
