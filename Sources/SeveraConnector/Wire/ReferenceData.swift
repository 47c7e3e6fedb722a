import HTTPSupport
import SyncCore

/// Severa registers the mappings resolve references against, read once per connector: countries
/// (`/v1/localization/countries`, guid ↔ ISO alpha-2 `code2`) and currencies (`/v1/currencies`, code →
/// guid). Concurrent first users share one request.
actor ReferenceData {
    /// A register read into two lookups.
    struct Table: Sendable {
        /// Code (upper case) by guid (lower case).
        var codeByGUID: [String: String] = [:]
        /// Guid by code (upper case).
        var guidByCode: [String: String] = [:]
    }

    private let api: SeveraAPI
    private var countries: Task<Result<Table, ConnectorError>, Never>?
    private var currencies: Task<Result<Table, ConnectorError>, Never>?

    /// Creates the cache; nothing is read until first use.
    init(api: SeveraAPI) {
        self.api = api
    }

    /// The countries by guid and by ISO alpha-2 code.
    func countryTable() async throws(ConnectorError) -> Table {
        let task =
            countries
            ?? Task { [api] in
                await Self.load(api: api, path: "/v1/localization/countries", style: nil, codeField: "code2")
            }
        countries = task
        return try await resolve(task) { self.countries = nil }
    }

    /// The currencies by guid and by code.
    func currencyTable() async throws(ConnectorError) -> Table {
        let task =
            currencies
            ?? Task { [api] in await Self.load(api: api, path: "/v1/currencies", style: .offset, codeField: "code") }
        currencies = task
        return try await resolve(task) { self.currencies = nil }
    }

    /// The task's table; a failed load is forgotten so the next use tries again.
    private func resolve(
        _ task: Task<Result<Table, ConnectorError>, Never>, forget: () -> Void
    ) async throws(ConnectorError) -> Table {
        switch await task.value {
        case .success(let table): return table
        case .failure(let error):
            forget()
            throw error
        }
    }

    private static func load(
        api: SeveraAPI, path: String, style: ListPager.Style?, codeField: String
    ) async -> Result<Table, ConnectorError> {
        do throws(ConnectorError) {
            let records: [WireObject]
            if let style {
                var pager = ListPager(path: path, style: style, area: .settings)
                records = try await pager.all(using: api)
            } else {
                records = try ListPager.records(of: try await api.send(.get, path, area: .settings), api: api)
            }
            var table = Table()
            for record in records {
                guard let guid = try? record.guid(), let code = try? record.optionalText(codeField) else { continue }
                table.codeByGUID[guid.lowercased()] = code.uppercased()
                if table.guidByCode[code.uppercased()] == nil { table.guidByCode[code.uppercased()] = guid }
            }
            return .success(table)
        } catch {
            return .failure(error)
        }
    }
}
