import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's memory as Linux reports it, in KiB.
enum EngineBenchmarkMemory {
    /// The peak resident set size of the whole process (`getrusage` `ru_maxrss`, KiB on Linux) since the
    /// start or the last ``resetPeak()``.
    static func peakKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }

    /// The CPU time the process has used so far (user plus system, all threads), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// The resident set size after handing freed memory back to the system (`malloc_trim`): what the
    /// process still holds, without the allocator's free pages.
    static func trimmedResidentKiB() -> Int {
        // glibc's malloc_trim, looked up at run time: <malloc.h> is not part of the Glibc module.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            typealias MallocTrim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        }
        return residentKiB()
    }

    /// The resident set size now (`VmRSS`), or 0 when unknown.
    static func residentKiB() -> Int {
        status("VmRSS:")
    }

    /// Resets the peak (`VmHWM`, which `ru_maxrss` reports) to the current resident size
    /// (`/proc/self/clear_refs`, Linux 4.0+); returns
    /// whether that worked.
    @discardableResult
    static func resetPeak() -> Bool {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
    }

    private static func status(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
            let value = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return value
    }

    /// `kib` as MiB with no decimals.
    static func mib(_ kib: Int) -> String {
        String(format: "%.0f MiB", Double(kib) / 1024)
    }
}
