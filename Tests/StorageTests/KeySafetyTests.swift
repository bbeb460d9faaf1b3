import AssistantCore
import Crypto
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// Key handling that cannot destroy data: a key file is created only when it does not exist, never replaced, refused
/// when others may read it; a database is never opened (nor changed) with a key that does not match it.
struct KeySafetyTests {
    let t0: Int64 = 1_795_944_000

    private func hash(_ file: URL) throws -> String {
        let data = try Data(contentsOf: file)
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aKeyFileThatCannotBeReadAsAFileIsAnErrorAndIsLeftAlone() throws {
        try TemporaryDirectory.with { directory in
            // A directory where the key file should be: reading fails with something other than "does not exist".
            let keyFile = directory.url.appendingPathComponent("prevent-assist.key")
            try FileManager.default.createDirectory(at: keyFile, withIntermediateDirectories: false)
            #expect(throws: StorageError.self) { try EncryptionKey.load(environment: [:], keyFile: keyFile) }
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: keyFile.path, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue, "the path was replaced")
        }
    }

    @Test func aKeyFileOthersMayReadIsRefusedWithTheFix() throws {
        try TemporaryDirectory.with { directory in
            let keyFile = directory.url.appendingPathComponent("prevent-assist.key")
            let key = EncryptionKey.generate()
            try key.create(keyFile)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
            let before = try hash(keyFile)
            #expect {
                try EncryptionKey.load(environment: [:], keyFile: keyFile)
            } throws: { error in
                "\(error)".contains("mode 644") && "\(error)".contains("chmod 600")
            }
            #expect(try hash(keyFile) == before)
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: keyFile.path)
            #expect(try EncryptionKey.load(environment: [:], keyFile: keyFile).key.id == key.id)
        }
    }

    @Test func aNewKeyIsCreatedOnlyWhenNothingNeedsAnEarlierOne() throws {
        try TemporaryDirectory.with { directory in
            let keyFile = directory.url.appendingPathComponent("prevent-assist.key")
            #expect(throws: StorageError.self) {
                try EncryptionKey.load(environment: [:], keyFile: keyFile) { false }
            }
            #expect(!FileManager.default.fileExists(atPath: keyFile.path))
            let (created, origin) = try EncryptionKey.load(environment: [:], keyFile: keyFile)
            #expect(origin == .keyFile(keyFile, created: true))
            let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try EncryptionKey.load(environment: [:], keyFile: keyFile).key.id == created.id)
        }
    }

    @Test func creatingAKeyFileNeverReplacesOne() throws {
        try TemporaryDirectory.with { directory in
            let keyFile = directory.url.appendingPathComponent("prevent-assist.key")
            try EncryptionKey.generate().create(keyFile)
            let before = try hash(keyFile)
            #expect(throws: StorageError.self) { try EncryptionKey.generate().create(keyFile) }
            #expect(try hash(keyFile) == before)
        }
    }

    @Test func aWrongKeyIsRefusedBeforeAnythingIsWritten() throws {
        let fixture = try StoreFixture()
        _ = try ConcernStore(database: fixture.database).create(StoreFixture.submission(), at: t0)
        let before = try hash(fixture.file)
        #expect {
            _ = try fixture.reopen(with: .generate())
        } throws: { ($0 as? StorageError)?.isWrongKey == true }
        #expect(try hash(fixture.file) == before)
        #expect(try AppDatabase.storedKeyIDs(of: fixture.file) == [fixture.key.id])
        // The right key still opens it.
        let record = try ConcernStore(database: fixture.reopen(with: fixture.key))
            .read("PC-2026-0001", actor: "cli:lead", reason: "check", at: t0)
        #expect(record.fields.map(\.value).contains(StoreFixture.secret))
    }

    @Test func aNewStoreRecordsItsKeyAtOnce() throws {
        let fixture = try StoreFixture()
        #expect(try AppDatabase.storedKeyIDs(of: fixture.file) == [fixture.key.id])
        #expect(throws: StorageError.self) { _ = try fixture.reopen(with: .generate()) }
    }
}
