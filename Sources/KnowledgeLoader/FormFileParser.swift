import AssistantCore
import Yams

/// Reads one `intents/forms/<id>.yaml` file: a mapping with a `form`.
struct FormFileParser {
    static let formKeys: Set<String> = [
        "id", "title", "privacy", "intro", "submitted", "cancelled", "slots", "purpose",
    ]
    static let slotKeys: Set<String> = [
        "id", "label", "prompt", "help", "type", "choices", "optional", "sensitivity", "when", "on_yes", "default",
        "min_length", "max_length", "max_choices", "check", "sentences",
        "aliases",
    ]

    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Located<FormDefinition> {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "a form file")
        try top.rejectUnknownKeys(allowed: ["form"], what: "a form file")
        guard let node = top.value("form") else {
            throw document.fail("missing the top-level 'form'", at: document.root)
        }
        let form = try MappingReader(node, in: document, what: "'form'")
        try form.rejectUnknownKeys(allowed: Self.formKeys, what: "a form")
        let privacyText = try form.optionalString("privacy") ?? FormDefinition.Privacy.directOnly.rawValue
        guard let privacy = FormDefinition.Privacy(rawValue: privacyText) else {
            throw document.fail("'privacy' must be direct_only or anywhere, not '\(privacyText)'", at: node)
        }
        let purposeText = try form.optionalString("purpose") ?? FormDefinition.Purpose.concern.rawValue
        guard let purpose = FormDefinition.Purpose(rawValue: purposeText) else {
            throw document.fail("'purpose' must be concern or snippet, not '\(purposeText)'", at: node)
        }
        guard let slotsNode = form.value("slots"), let items = slotsNode.sequence, !items.isEmpty else {
            throw document.fail("a form needs a non-empty 'slots' list", at: node)
        }
        var slots: [FormSlot] = []
        for item in items {
            slots.append(try slot(item, in: document))
        }
        let definition = FormDefinition(
            id: try form.string("id"),
            title: try form.string("title"),
            privacy: privacy,
            intro: try form.string("intro").trimmedBlock(),
            slots: slots,
            submitted: try form.string("submitted").trimmedBlock(),
            cancelled: try form.string("cancelled").trimmedBlock(),
            purpose: purpose
        )
        return Located(definition, at: document.location(of: node))
    }

    private func slot(_ node: Node, in document: YAMLDocument) throws(KnowledgeLoadError) -> FormSlot {
        let reader = try MappingReader(node, in: document, what: "a slot")
        try reader.rejectUnknownKeys(allowed: Self.slotKeys, what: "a slot")
        let id = try reader.string("id")
        let type = try reader.string("type")
        let kind: FormSlot.Kind
        switch type {
        case "choice", "choices":
            guard let choicesNode = reader.value("choices"), let items = choicesNode.sequence, !items.isEmpty else {
                throw document.fail("slot '\(id)': a choice needs a 'choices' list", at: node)
            }
            var choices: [FormSlot.Choice] = []
            for item in items {
                let choice = try MappingReader(item, in: document, what: "a choice")
                try choice.rejectUnknownKeys(allowed: ["id", "label"], what: "a choice")
                choices.append(.init(id: try choice.string("id"), label: try choice.string("label")))
            }
            if type == "choices" {
                let maximum = try integer(reader, "max_choices", default: choices.count, in: document)
                guard maximum >= 1 else {
                    throw document.fail("slot '\(id)': 'max_choices' must be 1 or more", at: node)
                }
                kind = .choices(choices, maximum: maximum)
            } else {
                kind = .choice(choices)
            }
        case "yes_no": kind = .yesNo
        case "date": kind = .date
        case "text":
            kind = .text(
                minLength: try integer(reader, "min_length", default: 1, in: document),
                maxLength: try integer(reader, "max_length", default: 2_000, in: document)
            )
        default:
            throw document.fail("slot '\(id)': unknown type '\(type)' (choice, choices, yes_no, text, date)", at: node)
        }
        let sensitivityText = try reader.string("sensitivity")
        guard let sensitivity = FormSlot.Sensitivity(rawValue: sensitivityText) else {
            let known = FormSlot.Sensitivity.allCases.map(\.rawValue).joined(separator: ", ")
            throw document.fail("slot '\(id)': unknown sensitivity '\(sensitivityText)' (\(known))", at: node)
        }
        var condition: FormSlot.Condition?
        if let whenNode = reader.value("when") {
            let when = try MappingReader(whenNode, in: document, what: "'when'")
            try when.rejectUnknownKeys(allowed: ["slot", "in"], what: "'when'")
            condition = .init(slot: try when.string("slot"), values: Set(try when.stringList("in")))
        }
        let onYes = try reader.optionalString("on_yes")
        guard onYes == nil || onYes == FormSlot.Trigger.emergency.rawValue else {
            throw document.fail("slot '\(id)': 'on_yes' can only be 'emergency'", at: node)
        }
        let defaultText = try reader.optionalString("default")
        guard defaultText == nil || defaultText == FormSlot.DefaultValue.sender.rawValue else {
            throw document.fail("slot '\(id)': 'default' can only be 'sender'", at: node)
        }
        let optionalText = try reader.optionalString("optional") ?? "false"
        guard let optional = Bool(optionalText) else {
            throw document.fail("slot '\(id)': 'optional' must be true or false", at: node)
        }
        let checkText = try reader.optionalString("check")
        guard checkText == nil || checkText == FormSlot.Check.deidentified.rawValue else {
            throw document.fail("slot '\(id)': 'check' can only be 'deidentified'", at: node)
        }
        var sentences: ClosedRange<Int>?
        if let text = try reader.optionalString("sentences") {
            let bounds = text.split(separator: "-").compactMap { Int($0.trimmingSpaces()) }
            guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1] else {
                throw document.fail("slot '\(id)': 'sentences' must be a range like 2-5, not '\(text)'", at: node)
            }
            sentences = bounds[0]...bounds[1]
        }
        return FormSlot(
            id: id,
            label: try reader.string("label"),
            prompt: try reader.string("prompt").trimmedBlock(),
            help: try reader.optionalString("help")?.trimmedBlock() ?? "",
            kind: kind,
            optional: optional,
            sensitivity: sensitivity,
            condition: condition,
            onYes: onYes.flatMap(FormSlot.Trigger.init(rawValue:)),
            defaultValue: defaultText.flatMap(FormSlot.DefaultValue.init(rawValue:)),
            check: checkText.flatMap(FormSlot.Check.init(rawValue:)),
            sentences: sentences,
            aliases: try reader.stringList("aliases", required: false)
        )
    }

    private func integer(
        _ reader: MappingReader,
        _ key: String,
        default fallback: Int,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> Int {
        guard let text = try reader.optionalString(key) else { return fallback }
        guard let value = Int(text), value >= 0 else {
            throw document.fail("'\(key)' must be a whole number, not '\(text)'", at: reader.node)
        }
        return value
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String { String(self).split(separator: " ").joined() }
}

extension String {
    /// A YAML block scalar without its trailing newline.
    fileprivate func trimmedBlock() -> String {
        var text = self
        while text.last == "\n" || text.last == " " { text.removeLast() }
        return text
    }
}
