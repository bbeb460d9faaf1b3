import ArgumentParser
import AssistantCore
import AssistantService
import Foundation

/// `prevent-assist eval`: measures the assistant on labelled questions.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure answer accuracy and latency on a labelled question file.",
        discussion: """
            FILE is tab-separated with the header 'intent<TAB>question'; rows labelled out_of_scope are questions \
            the assistant should decline. Prints top-1 accuracy on in-scope rows, out-of-scope recall, the \
            clarification rate, the worst-confused pairs and per-query latency. Build with -c release for latency \
            figures that mean something.
            """
    )

    @Option(name: .long, help: "Labelled questions (intent<TAB>question).")
    var questions: String

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @OptionGroup var content: ContentOptions

    func run() throws {
        let rows = try LabeledQuestionFile.load(URL(fileURLWithPath: questions))
        let setup = try content.setup()
        let report = AssistantEvaluator(assistant: setup.assistant).evaluate(rows, progress: Terminal.progress)
        print(json ? try EvaluationOutput.json(report) : EvaluationOutput.text(report, title: questions))
    }
}
