/// The API routes below `/rest-api/v1/`, indexed by their first path segment.
enum SeveraRouter {
    private static let byFirstSegment: [String: [SeveraRoute]] = Dictionary(
        grouping: CustomerRoutes.routes + SettingsRoutes.routes + ProjectRoutes.routes + InvoiceRoutes.routes,
        by: { $0.pattern.first.flatMap { $0 } ?? "" })

    /// The routes whose pattern starts with the literal `segment` (lowercase).
    static func routes(startingWith segment: String) -> [SeveraRoute] {
        byFirstSegment[segment] ?? []
    }
}
