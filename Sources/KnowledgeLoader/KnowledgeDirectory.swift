import AssistantCore
public import Foundation

/// A knowledge directory on disk: `intents/*.yaml` (intents and the safety rules) and `knowledge/*.md` (articles).
public struct KnowledgeDirectory: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var intentsDirectory: URL { root.appendingPathComponent("intents", isDirectory: true) }
    public var articlesDirectory: URL { root.appendingPathComponent("knowledge", isDirectory: true) }
    /// The publishers sources may name, with their hosts: `knowledge/publishers.yaml`.
    public static let publisherFileName = "publishers.yaml"
    /// How unset contacts read in answers: `knowledge/contacts.yaml`.
    public static let contactWordingFileName = "contacts.yaml"
    /// Shipped good-practice snippets: `knowledge/snippets/*.md`.
    public var snippetsDirectory: URL { articlesDirectory.appendingPathComponent("snippets", isDirectory: true) }

    /// Reads every file. A file that cannot be read becomes a problem in ``LoadedKnowledge/loadProblems``;
    /// this never throws and never traps.
    public func load() -> LoadedKnowledge {
        var problems: [KnowledgeProblem] = []
        var intents: [Located<Intent>] = []
        var articles: [Located<Article>] = []
        var reviews: [Located<ArticleReview>] = []
        var safety: Located<SafetyRuleSet>?

        for file in files(in: intentsDirectory, extension: "yaml", problems: &problems) {
            guard let text = read(file, problems: &problems) else { continue }
            let name = displayName(file)
            do {
                if Self.topLevelKey(of: text) == "safety" {
                    let parsed = try SafetyRulesParser().parse(text, file: name)
                    if let earlier = safety {
                        problems.append(
                            .init(
                                .duplicateID,
                                at: parsed.location,
                                "safety rules are also defined at \(earlier.location)"
                            )
                        )
                    } else {
                        safety = parsed
                    }
                } else {
                    intents += try IntentFileParser().parse(text, file: name)
                }
            } catch {
                problems.append(.init(.malformedFile, at: error.location, error.message))
            }
        }
        var forms: [Located<FormDefinition>] = []
        let formsDirectory = intentsDirectory.appendingPathComponent("forms", isDirectory: true)
        if FileManager.default.fileExists(atPath: formsDirectory.path) {
            for file in files(in: formsDirectory, extension: "yaml", problems: &problems) {
                guard let text = read(file, problems: &problems) else { continue }
                do {
                    forms.append(try FormFileParser().parse(text, file: displayName(file)))
                } catch {
                    problems.append(.init(.malformedFile, at: error.location, error.message))
                }
            }
        }
        for file in files(in: articlesDirectory, extension: "md", problems: &problems) {
            guard let text = read(file, problems: &problems) else { continue }
            let name = displayName(file)
            do {
                let (article, review) = try ArticleParser().parseWithReview(text, file: name)
                let expected = file.deletingPathExtension().lastPathComponent
                if article.value.id != expected {
                    problems.append(
                        .init(
                            .invalidID,
                            at: article.location,
                            "article id '\(article.value.id)' does not match its file name '\(expected).md'"
                        )
                    )
                }
                articles.append(article)
                reviews.append(Located(review, at: article.location))
            } catch {
                problems.append(.init(.malformedFile, at: error.location, error.message))
            }
        }
        var snippets: [Located<SnippetRecord>] = []
        if FileManager.default.fileExists(atPath: snippetsDirectory.path) {
            for file in files(in: snippetsDirectory, extension: "md", problems: &problems) {
                guard let text = read(file, problems: &problems) else { continue }
                do {
                    let snippet = try SnippetFileParser().parse(text, file: displayName(file))
                    let expected = file.deletingPathExtension().lastPathComponent
                    if snippet.value.id != expected {
                        problems.append(
                            .init(
                                .invalidID,
                                at: snippet.location,
                                "snippet id '\(snippet.value.id)' does not match its file name '\(expected).md'"
                            )
                        )
                    }
                    snippets.append(snippet)
                } catch {
                    problems.append(.init(.malformedFile, at: error.location, error.message))
                }
            }
        }
        var publishers: Located<PublisherList>?
        let publisherFile = articlesDirectory.appendingPathComponent(Self.publisherFileName)
        if FileManager.default.fileExists(atPath: publisherFile.path),
            let text = read(publisherFile, problems: &problems)
        {
            let name = displayName(publisherFile)
            do {
                publishers = Located(try PublisherListParser().parse(text, file: name), at: SourceLocation(file: name))
            } catch {
                problems.append(.init(.malformedFile, at: error.location, error.message))
            }
        }
        var unsetWording: UnsetContactWording?
        let contactsFile = articlesDirectory.appendingPathComponent(Self.contactWordingFileName)
        if FileManager.default.fileExists(atPath: contactsFile.path), let text = read(contactsFile, problems: &problems)
        {
            do {
                unsetWording = try UnsetContactWordingParser().parse(text, file: displayName(contactsFile))
            } catch {
                problems.append(.init(.malformedFile, at: error.location, error.message))
            }
        }
        return LoadedKnowledge(
            intents: intents,
            articles: articles,
            safety: safety,
            forms: forms,
            snippets: snippets,
            loadProblems: problems,
            reviews: reviews,
            publishers: publishers,
            unsetWording: unsetWording
        )
    }

    private func files(in directory: URL, extension fileExtension: String, problems: inout [KnowledgeProblem]) -> [URL]
    {
        do {
            // By path: Foundation on Linux lists a folder that is a symbolic link (the repository's top-level
            // intents/ and knowledge/ are) as empty when given its URL. The files keep the linked path, so problems
            // name them as the author sees them.
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .map { directory.appendingPathComponent($0) }
                .filter { $0.pathExtension == fileExtension }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            problems.append(
                .init(
                    .malformedFile,
                    at: SourceLocation(file: directory.path),
                    "cannot list the directory: \(error.localizedDescription)"
                )
            )
            return []
        }
    }

    private func read(_ file: URL, problems: inout [KnowledgeProblem]) -> String? {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            problems.append(.init(.malformedFile, at: SourceLocation(file: displayName(file)), "cannot be read"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(
                .init(.malformedFile, at: SourceLocation(file: displayName(file)), "is not valid UTF-8 text")
            )
            return nil
        }
        return text
    }

    /// `intents/x.yaml` relative to the root, which reads better in messages than an absolute path.
    private func displayName(_ file: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
    }

    /// The first top-level key of a YAML text, without parsing it (to tell safety rules from intents).
    static func topLevelKey(of text: String) -> String? {
        for line in text.split(separator: "\n") {
            guard let first = line.first, first != "#", !first.isWhitespace, let colon = line.firstIndex(of: ":") else {
                continue
            }
            return String(line[..<colon])
        }
        return nil
    }
}
