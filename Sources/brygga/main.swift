import BryggaCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Files we create (state database, -wal/-shm, logs, temporary files) are private (LINUX-NOTES B4).
umask(0o077)
// A closed output pipe must not kill a run halfway through an item (LINUX-NOTES B3).
signal(SIGPIPE, SIG_IGN)
let status = await BryggaApplication.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
