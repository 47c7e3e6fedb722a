import Foundation
import JSONSupport

/// The requests one stretch of a `brygga sandbox serve --request-log` file holds, counted per API,
/// method and path shape (record keys replaced by `{id}`).
struct RequestLogTally {
    /// One logged request.
    struct Request {
        var api: String
        var method: String
        /// The path with record keys replaced by `{id}`.
        var shape: String
        /// The record a Fortnox write concerns (`/3/customers/17`), the key of a create taken from its answer.
        var record: String?
        var status: Int?
        var time: Date?
    }

    private(set) var requests: [Request] = []

    /// Counts the lines of `data` (JSON lines of the request log).
    init(_ data: Data) {
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let entry = try? JSONParser.parse(Data(line)), let api = entry["api"]?.stringValue,
                let method = entry["method"]?.stringValue, let path = entry["path"]?.stringValue
            else { continue }
            let status = entry["status"]?.numberValue?.int64.map(Int.init)
            let time = entry["time"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) }
            requests.append(
                Request(
                    api: api, method: method, shape: Self.shape(of: path, api: api),
                    record: Self.record(path: path, method: method, api: api, answer: entry["responseBody"]),
                    status: status, time: time))
        }
    }

    /// Adds the requests of `others`.
    mutating func append(_ others: [RequestLogTally]) {
        for other in others { requests += other.requests }
    }

    /// Requests of `api` (`fortnox` or `severa`).
    func of(_ api: String) -> [Request] { requests.filter { $0.api == api } }

    /// Writes (POST, PUT, PATCH, DELETE) of records among `requests` that succeeded (token requests are not).
    static func writes(_ requests: [Request]) -> [Request] {
        requests.filter {
            $0.method != "GET" && ($0.status ?? 0) < 400 && !$0.shape.hasSuffix("/token") && !$0.shape.contains("oauth")
        }
    }

    /// List GETs: a collection path (no `{id}`).
    static func listings(_ requests: [Request]) -> [Request] {
        requests.filter { $0.method == "GET" && !$0.shape.contains("{id}") }
    }

    /// Lines `api METHOD shape  count`, most frequent first.
    func lines() -> [String] {
        var counts: [String: Int] = [:]
        for request in requests { counts["\(request.api) \(request.method) \(request.shape)", default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            "    \($0.key.padding(toLength: 52, withPad: " ", startingAt: 0)) \($0.value)"
        }
    }

    /// Fortnox paths are `/3/<resource>/<key>/…`; Severa keys are GUIDs.
    private static func shape(of path: String, api: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return segments.enumerated().map { index, segment in
            if api == "fortnox", index == 3, segments.count > 3, segments[1] == "3" { return "{id}" }
            if segment.count >= 32, segment.contains("-") { return "{id}" }
            return segment
        }.joined(separator: "/")
    }

    /// The Fortnox record a write concerns: its path, or for a create the path of the key it got.
    private static func record(path: String, method: String, api: String, answer: JSONValue?) -> String? {
        guard api == "fortnox", method != "GET" else { return nil }
        guard method == "POST" else { return path }
        guard case .object(let members)? = answer, let entity = members.values.first else { return nil }
        for key in ["CustomerNumber", "ArticleNumber", "ProjectNumber", "DocumentNumber", "GivenNumber"] {
            if let value = entity[key]?.stringValue ?? entity[key]?.numberValue.map({ "\($0)" }) {
                return path + "/" + value
            }
        }
        return nil
    }
}
