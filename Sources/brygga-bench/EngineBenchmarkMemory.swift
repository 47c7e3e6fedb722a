import Foundation

/// The process's memory as Linux reports it, in KiB.
enum EngineBenchmarkMemory {
    /// The peak resident set size of the whole process so far (`getrusage` `ru_maxrss`, KiB on Linux).
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

    /// The resident set size now (`VmRSS`), or 0 when unknown.
    static func residentKiB() -> Int {
        status("VmRSS:")
    }

    /// The peak resident set size since the last ``resetPeak()`` (`VmHWM`), or 0 when unknown.
    static func peakSinceResetKiB() -> Int {
        status("VmHWM:")
    }

    /// Resets `VmHWM` to the current resident size (`/proc/self/clear_refs`, Linux 4.0+); returns
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
