public import AssistantCore
import Crypto
public import Foundation
import GRDB

extension SnippetStore {
    /// What an import did.
    public struct ImportResult: Sendable, Hashable {
        /// Local ids of the imported snippets, now pending local moderation.
        public let imported: [String]
        /// Snippets skipped because the same content is already here (stored, imported before, or shipped).
        public let duplicates: Int
        /// The institution the bundle came from, as this institution's configuration names it.
        public let institution: String
    }

    /// The approved snippets written here and marked shareable, as a bundle signed with `key`.
    public func exportBundle(
        institution: String,
        key: SnippetSigningKey,
        today: CalendarDate
    ) throws(StorageError) -> SnippetBundle {
        let items = try list(status: .approved)
            .filter { $0.record.snippet.visibility == .shared && $0.originInstitution == nil }
            .map { stored in
                let snippet = stored.record.snippet
                return SnippetBundle.Item(
                    id: stored.id,
                    title: snippet.title,
                    whatWasDone: snippet.whatWasDone,
                    whyItWorked: snippet.whyItWorked,
                    tags: snippet.tags.map(\.rawValue),
                    contact: snippet.contact
                )
            }
        let unsigned = SnippetBundle(
            institution: institution,
            publicKey: key.publicKeyBase64,
            created: today.description,
            snippets: items,
            signature: ""
        )
        let payload: Data
        do {
            payload = try unsigned.payloadBytes
        } catch {
            throw .invalid("cannot encode the bundle: \(error)")
        }
        return SnippetBundle(
            institution: institution,
            publicKey: unsigned.publicKey,
            created: unsigned.created,
            snippets: items,
            signature: try key.sign(payload)
        )
    }

    /// Checks a bundle file and imports its snippets as pending local moderation, keeping the origin institution.
    /// Refuses the whole file, importing nothing, when it is not a canonical bundle, its key is not trusted, or its
    /// signature does not verify. Skips snippets whose content is already here or in `knownHashes` (shipped ones).
    public func importBundle(
        _ data: Data,
        trusted: [SnippetSettings.TrustedInstitution],
        knownHashes: Set<String> = [],
        actor: String,
        at time: Int64
    ) throws(StorageError) -> ImportResult {
        let bundle = try Self.verify(data, trusted: trusted)
        let institution = trusted.first { $0.publicKey == bundle.publicKey }?.name ?? bundle.institution
        var snippets: [(SnippetBundle.Item, Snippet)] = []
        for item in bundle.snippets {
            let tags = item.tags.compactMap(SnippetTag.init(rawValue:))
            guard tags.count == item.tags.count, !tags.isEmpty else {
                throw .invalid("snippet \(item.id) in the bundle has an unknown tag; nothing was imported")
            }
            let snippet = Snippet(
                title: item.title,
                whatWasDone: item.whatWasDone,
                whyItWorked: item.whyItWorked,
                tags: tags,
                visibility: .institution,
                contact: item.contact,
                institution: institution
            )
            snippets.append((item, snippet))
        }
        return try database.write { db in
            var known = knownHashes.union(try String.fetchAll(db, sql: "SELECT content_hash FROM snippets"))
            var imported: [String] = []
            var duplicates = 0
            for (item, snippet) in snippets {
                let hash = Self.contentHash(snippet)
                guard known.insert(hash).inserted else {
                    duplicates += 1
                    continue
                }
                let id = try insert(
                    snippet,
                    author: Self.importActorPrefix + institution,
                    origin: institution,
                    originID: item.id,
                    at: time,
                    in: db
                )
                try Self.appendEvent(
                    db,
                    id,
                    at: time,
                    actor: actor,
                    action: "imported",
                    detail: "from \(institution) (\(item.id))"
                )
                imported.append(id)
            }
            if !imported.isEmpty {
                try notify(
                    db,
                    SnippetNotice.moderators,
                    SnippetNoticeText.imported(count: imported.count, from: institution),
                    at: time
                )
            }
            return ImportResult(imported: imported, duplicates: duplicates, institution: institution)
        }
    }

    /// The bundle in `data` after every check, or a clear error naming the first one that failed.
    public static func verify(
        _ data: Data,
        trusted: [SnippetSettings.TrustedInstitution]
    ) throws(StorageError) -> SnippetBundle {
        let bundle: SnippetBundle
        do {
            bundle = try JSONDecoder().decode(SnippetBundle.self, from: data)
        } catch {
            throw .tampered("the snippet bundle (it is not valid bundle JSON; was it changed or truncated?)")
        }
        guard bundle.format == SnippetBundle.formatName else {
            throw .invalid("unsupported bundle format '\(bundle.format)' (expected \(SnippetBundle.formatName))")
        }
        var body = data
        while body.last == 0x0A || body.last == 0x0D { body.removeLast() }
        guard let canonical = try? SnippetBundle.encoder.encode(bundle), canonical == body else {
            throw .tampered("the snippet bundle (its bytes are not the ones that were signed)")
        }
        guard let entry = trusted.first(where: { $0.publicKey == bundle.publicKey }) else {
            throw .accessDenied(
                "the bundle is signed by a key that is not trusted (\(bundle.publicKey)); to accept bundles from "
                    + "\(bundle.institution), add its name and public key under snippets.trusted_institutions"
            )
        }
        guard entry.name == bundle.institution else {
            throw .accessDenied(
                "the bundle says it is from \(bundle.institution), but its key is trusted as \(entry.name)'s"
            )
        }
        guard let keyBytes = Data(base64Encoded: bundle.publicKey),
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes),
            keyBytes.base64EncodedString() == bundle.publicKey,
            let signature = Data(base64Encoded: bundle.signature),
            signature.base64EncodedString() == bundle.signature,
            let payload = try? bundle.payloadBytes,
            publicKey.isValidSignature(signature, for: payload)
        else {
            throw .tampered("the snippet bundle's signature")
        }
        return bundle
    }
}
