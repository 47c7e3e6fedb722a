import BryggaCLI
import Foundation
import Testing

@Suite struct AtomicFileWriterTests {
    @Test func writesANewPrivateFile() throws {
        let directory = try TemporaryDirectory()
        try AtomicFileWriter.write(Data("hello\n".utf8), to: directory.file("a.json"), replacing: false)
        #expect(try directory.read("a.json") == "hello\n")
        #expect(try directory.permissions(of: "a.json") == 0o600)
    }

    @Test func replacesAnExistingFileAndMakesItPrivate() throws {
        let directory = try TemporaryDirectory()
        try directory.write("old", to: "a.json", mode: 0o644)
        try AtomicFileWriter.write(Data("new".utf8), to: directory.file("a.json"), replacing: true)
        #expect(try directory.read("a.json") == "new")
        #expect(try directory.permissions(of: "a.json") == 0o600)
    }

    @Test func leavesAnExistingFileAloneUnlessAskedToReplace() throws {
        let directory = try TemporaryDirectory()
        try directory.write("keep me", to: "a.json", mode: 0o640)
        let error = try #require(throws: FileSystemError.self) {
            try AtomicFileWriter.write(Data("new".utf8), to: directory.file("a.json"), replacing: false)
        }
        #expect(error.alreadyExists)
        #expect(error.description == "\(directory.file("a.json")) already exists")
        #expect(try directory.read("a.json") == "keep me")
        #expect(try directory.permissions(of: "a.json") == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.json"], "no temporary left")
    }

    @Test func honoursTheRequestedModeWhateverTheUmask() throws {
        let directory = try TemporaryDirectory()
        try AtomicFileWriter.write(Data("x".utf8), to: directory.file("b"), replacing: false, mode: 0o640)
        #expect(try directory.permissions(of: "b") == 0o640)
    }

    @Test func namesTheFileWhenTheDirectoryIsMissing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("nowhere/a.json")
        let error = try #require(throws: FileSystemError.self) {
            try AtomicFileWriter.write(Data("x".utf8), to: path, replacing: true)
        }
        #expect(error.description == "cannot create \(path): No such file or directory")
        #expect(ExitCode(for: error) == .cannotCreate)
    }
}
