import Foundation
import StaybookModel
import StaybookSite
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `staybook`, built beside the test bundle.
let staybookExecutable = Bundle.main.bundleURL.appending(path: "staybook")

/// `staybook serve` as a shell starts it.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: staybookExecutable.path)))
struct ServeCommandTests {
    /// A running `staybook` with SIGINT and SIGTERM at their defaults (a test runner may ignore or
    /// block them, and children inherit that), its output in two files.
    final class Running: Sendable {
        let pid: pid_t
        let stdout: URL
        let stderr: URL

        init(_ arguments: [String], logs: URL) throws {
            stdout = logs.appending(path: "stdout-\(UUID().uuidString)")
            stderr = logs.appending(path: "stderr-\(UUID().uuidString)")
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGINT)
            sigaddset(&defaults, SIGTERM)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            posix_spawnattr_setsigmask(&attributes, &unblocked)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let path = staybookExecutable.path
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
            self.pid = pid
        }

        var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
        var errors: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// The address it serves, once it says so.
        func address(timeout: Double = 90) async throws -> URL {
            let deadline = Date().addingTimeInterval(timeout)
            func served() -> URL? { output.firstMatch(of: /serving (http:\/\/\S+)/).map { URL(string: String($0.1))! } }
            while Date() < deadline {
                if let address = served() { return address }
                try await Task.sleep(for: .milliseconds(20))
            }
            // This task may not have run for a while (a busy test runner): one last look.
            if let address = served() { return address }
            throw TestClientError("no address within \(timeout) s; stdout: \(output) stderr: \(errors)")
        }

        /// Its exit status, waiting at most `timeout` seconds (then it is killed and this throws).
        func status(timeout: Double = 60) async throws -> Int32 {
            let deadline = Date().addingTimeInterval(timeout)
            func exited() -> Int32? {
                var status: Int32 = 0
                guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            while Date() < deadline {
                if let status = exited() { return status }
                try await Task.sleep(for: .milliseconds(20))
            }
            if let status = exited() { return status }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw TestClientError("staybook did not exit within \(timeout) s")
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsItCleanly(_ signal: Int32) async throws {
        let project = try ServedProject()
        let serve = try Running(["serve", "--root", project.root.path, "--port", "0"], logs: project.root)
        let address = try await serve.address()
        #expect(address.absoluteString.hasSuffix(":\(address.port!)/handbook/"), "\(address)")
        #expect(serve.output.contains("first build: built "), "\(serve.output)")
        let hash = String(ContentHash.of(Array(project.project.root.path.utf8)), radix: 16)
        let folder = FileManager.default.temporaryDirectory.appending(path: "staybook-serve-\(hash)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "site/index.html").path))
        kill(serve.pid, signal)
        #expect(try await serve.status() == 0, "\(serve.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "the private output folder is removed")
    }

    @Test func aPortInUseExitsWithAHint() async throws {
        let project = try ServedProject()
        let first = try Running(["serve", "--root", project.root.path, "--port", "0"], logs: project.root)
        let address = try await first.address()
        let second = try Running(
            ["serve", "--root", project.root.path, "--port", "\(address.port!)"], logs: project.root)
        #expect(try await second.status() == 1)
        #expect(second.errors.hasPrefix("error: port \(address.port!) on 127.0.0.1 is in use"), "\(second.errors)")
        #expect(second.errors.contains("hint: choose another port with --port"), "\(second.errors)")
        #expect(second.errors.split(separator: "\n").count == 2, "no stack trace: \(second.errors)")
        kill(first.pid, SIGTERM)
        #expect(try await first.status() == 0)
    }

    /// A wrong command line is refused before anything starts: the usage error, exit 64.
    @Test(arguments: [["--port", "70000"], ["--port", "-1"], ["--port", "http"], ["--host", "not a host"]])
    func aWrongCommandLineIsRefused(_ arguments: [String]) async throws {
        let project = try ServedProject()
        let serve = try Running(["serve", "--root", project.root.path] + arguments, logs: project.root)
        let status = try await serve.status()
        #expect(status == 64 || status == 1, "\(serve.errors)")
        #expect(serve.errors.lowercased().contains("error"), "\(serve.errors)")
        #expect(!serve.errors.contains("Fatal error") && !serve.errors.contains("Stack dump"), "\(serve.errors)")
        #expect(!serve.output.contains("serving "))
    }
}
