import ArgumentParser
import AssistantCore
import AssistantEvaluation
import AssistantService
import CommandLineSupport
import Foundation
import IntentClassifier
import KnowledgeLoader
import Storage

/// `prevent-assist eval`: measures answer accuracy and latency.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure accuracy and latency: the knowledge base on held-out questions, CLINC150, or any data set.",
        discussion: """
            Modes (one of):
              --questions FILE          the assistant as shipped (safety screen + matcher) on FILE
              --replay                  the questions kept for review (see 'review'), through the current \
            content: how many now get an answer
              --stories DIR             dialogue stories (DIR/*.yaml): pass/fail per story and totals; exits 1 on a \
            failure
              --clinc150 PATH [--shots N [--seed S]]   CLINC150 data_full.json: train, tune on val, report on test
              --train FILE --test FILE  any intent<TAB>question data sets (out_of_scope rows are out of scope)
            Prints in-scope accuracy, out-of-scope recall, in-scope accuracy at out-of-scope recall >= 0.8 (threshold \
            chosen on validation), clarification rate, per-intent precision/recall/F1, the worst confusions, training \
            time, model size, peak memory and per-query latency (one query at a time; build with -c release).
            """
    )

    @Option(name: .long, help: "Labelled questions for the shipped assistant (intent<TAB>question).")
    var questions: String?

    @Flag(name: .long, help: "Re-run the questions kept for review through the current content.")
    var replay = false

    @Option(name: .long, help: "With --replay: the data directory (default: $XDG_DATA_HOME/prevent-assist).")
    var data: String?

    @Option(name: .long, help: "A directory of dialogue stories (*.yaml) to run through the whole conversation path.")
    var stories: String?

    @Flag(name: .long, help: "With --stories: print every turn (message, route, form step, replies).")
    var transcript = false

    @Option(name: .long, help: "Path of CLINC150's data_full.json.")
    var clinc150: String?

    @Option(name: .long, help: "With --clinc150: train on N examples per intent (few-shot).")
    var shots: Int?

    @Option(name: .long, help: "With --shots: the seed of the random draw.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Training file (intent<TAB>question).")
    var train: String?

    @Option(name: .long, help: "Test file (intent<TAB>question).")
    var test: String?

    @Option(name: .long, help: "With --questions: trained (default) or baseline.")
    var matcher: String = "trained"

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Flag(
        name: .long,
        help: "With --clinc150 or --train: word and character n-grams only, without the distilled token vectors."
    )
    var noVectors = false

    @Option(
        name: .long,
        help: """
            With --clinc150 or --train: how the decline threshold is chosen on validation data: 'assistant' (the \
            shipped assistant's rule: declines count twice) or 'accuracy' (plain accuracy over in-scope and \
            out-of-scope rows).
            """
    )
    var tuning: String = "assistant"

    @OptionGroup var content: ContentOptions

    func validate() throws {
        let modes = [replay, questions != nil, stories != nil, clinc150 != nil, train != nil || test != nil].filter {
            $0
        }.count
        guard modes == 1 else {
            throw ValidationError(
                "choose one of --replay, --questions, --stories, --clinc150, or --train with --test"
            )
        }
        if (train == nil) != (test == nil) { throw ValidationError("--train and --test go together") }
        if shots != nil, clinc150 == nil { throw ValidationError("--shots goes with --clinc150") }
        guard ["assistant", "accuracy"].contains(tuning) else {
            throw ValidationError("--tuning is assistant or accuracy")
        }
        guard ["trained", "baseline"].contains(matcher) else {
            throw ValidationError("--matcher is trained or baseline")
        }
    }

    func run() throws {
        let quiet = json
        let progress: (Int, Int) -> Void = { done, total in
            if !quiet { Terminal.progress(done, total) }
        }
        if replay {
            let setup = try content.setup(data: data)
            let database = try DataStore.open(
                DataDirectory.resolve(explicit: data, configured: setup.configuration.dataDirectory),
                logger: CommandLogging.logger()
            )
            let kept = try LearningStore(database: database).questions(status: nil)
            print(MissReplay.text(MissReplay(assistant: setup.assistant).run(kept)))
            return
        }
        if let stories {
            let loaded = try StoryFileParser().load(directory: URL(fileURLWithPath: stories))
            let setup = try content.setup(matcher: matcher == "baseline" ? .baseline : nil)
            let results = StoryRunner(assistant: setup.assistant).run(loaded)
            print(StoryRunner.report(results, transcripts: transcript))
            if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
            return
        }
        if let questions {
            let rows = try LabeledQuestionFile.load(URL(fileURLWithPath: questions))
            let clock = ContinuousClock()
            let started = clock.now
            let setup = try content.setup(matcher: matcher == "baseline" ? .baseline : nil)
            let loadSeconds = (clock.now - started).milliseconds / 1000
            let report = AssistantEvaluator(assistant: setup.assistant).evaluate(rows, progress: progress)
            let stages = DecisionPathStages.measure(setup.assistant, texts: rows.map(\.text))
            let figures = EvaluationFigures(
                setupSeconds: loadSeconds,
                matcher: matcher,
                stages: stages.stages.map { EvaluationFigures.Stage(stage: $0.name, p50: $0.p50, p99: $0.p99) }
            )
            print(
                json
                    ? try EvaluationOutput.json(report, figures: figures)
                    : EvaluationOutput.text(report, title: questions, figures: figures)
            )
            return
        }
        let vectors =
            noVectors ? nil : TokenVectorsFile.load(near: try? ContentLocator().knowledgeRoot(explicit: content.kb))
        let criterion = tuning == "accuracy" ? TuningCriterion.standard : TrainedIntentMatcher.criterion
        let result: ClassifierBenchmark.Result
        let title: String
        if let clinc150 {
            result = try ClassifierBenchmark.clinc(
                ClassifierBenchmark.loadCLINC(clinc150),
                shots: shots,
                seed: seed,
                vectors: vectors,
                criterion: criterion,
                progress: progress
            )
            title = "CLINC150, \(result.setting)"
        } else if let train, let test {
            result = ClassifierBenchmark.trainTest(
                try LabeledQuestionFile.load(URL(fileURLWithPath: train)),
                try LabeledQuestionFile.load(URL(fileURLWithPath: test)),
                vectors: vectors,
                criterion: criterion,
                progress: progress
            )
            title = "\(train) → \(test)"
        } else {
            throw ValidationError("choose a mode")
        }
        let figures = EvaluationFigures(
            setting: result.setting,
            trainRows: result.trainRows,
            trainSeconds: result.trainSeconds,
            accuracyAtOOSRecall08: result.accuracyAtRecall08,
            oosRecallAt08Threshold: result.outOfScopeRecallAt08,
            modelBytes: result.modelBytes,
            parameters: result.parameters,
            threshold: result.threshold,
            margin: result.margin,
            tokenVectors: vectors != nil,
            tuning: tuning,
            peakResidentBytes: ClassifierBenchmark.peakResidentBytes()
        )
        print(
            json
                ? try EvaluationOutput.json(result.report, figures: figures)
                : EvaluationOutput.text(result.report, title: title, figures: figures)
        )
    }
}
