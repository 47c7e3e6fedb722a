/// A status an invoice can have on the project-management side (R4.1, R6).
public struct InvoiceStatus: Sendable, Hashable {
    /// The status id (Severa guid).
    public var id: String
    /// The name an operator configures, e.g. `Överför till Fortnox`.
    public var name: String
    /// Whether the status is active.
    public var isActive: Bool
    /// Whether an invoice in this status can no longer be edited (Severa *Not editable*).
    public var isReadOnly: Bool
    /// Whether the status means the invoice is paid.
    public var isPaid: Bool

    /// Creates a status.
    public init(id: String, name: String, isActive: Bool = true, isReadOnly: Bool = false, isPaid: Bool = false) {
        self.id = id
        self.name = name
        self.isActive = isActive
        self.isReadOnly = isReadOnly
        self.isPaid = isPaid
    }
}

/// A business unit on the project-management side (Severa `BusinessUnitModel`), mapped to a Fortnox cost
/// center for the invoice header (R4.5).
public struct BusinessUnit: Sendable, Hashable {
    /// The unit's id (Severa guid).
    public var id: String
    /// The unit's code, e.g. `STHLM`, when it has one.
    public var code: String?
    /// The unit's name.
    public var name: String
    /// The identifier of the unit's own Severa cost center, when it has one.
    public var costCenterIdentifier: String?
    /// Whether the unit is active.
    public var isActive: Bool

    /// Creates a unit.
    public init(id: String, code: String?, name: String, costCenterIdentifier: String? = nil, isActive: Bool = true) {
        self.id = id
        self.code = code
        self.name = name
        self.costCenterIdentifier = costCenterIdentifier
        self.isActive = isActive
    }
}

/// A file attached to an invoice on the project-management side (Severa `InvoiceFileModel`, R4.3).
public struct InvoiceFile: Sendable, Hashable {
    /// The attachment's id (Severa invoice-file guid): the key of its transfer state.
    public var id: String
    /// The id of the file's contents (Severa file guid).
    public var fileID: String
    /// The file name, e.g. `timesheet.pdf`.
    public var name: String
    /// The media type, e.g. `application/pdf`, when given.
    public var contentType: String?
    /// The size in bytes, when given.
    public var size: Int?
    /// Whether the file is internal (never sent to the customer).
    public var isInternal: Bool
    /// The position among the invoice's files.
    public var sortOrder: Int

    /// Creates a file.
    public init(
        id: String, fileID: String, name: String, contentType: String?, size: Int?, isInternal: Bool, sortOrder: Int
    ) {
        self.id = id
        self.fileID = fileID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.isInternal = isInternal
        self.sortOrder = sortOrder
    }
}
