/// Why ``FortnoxEmulator/seed(_:_:)`` refused an entity: the same validation a POST applies.
public struct FortnoxSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resource the entity was meant for.
    public let resource: FortnoxResource
    /// The HTTP status the POST would have got (400, 404, …).
    public let status: Int
    /// The Fortnox error code the POST would have got.
    public let code: Int
    /// The error message.
    public let message: String

    /// Creates an error.
    public init(resource: FortnoxResource, status: Int, code: Int, message: String) {
        self.resource = resource
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String {
        "cannot seed \(resource.rawValue): \(message) (Fortnox code \(code), HTTP \(status))"
    }
}
