public import Foundation
public import JSONSupport

/// The entries of one mapping file (an operator's override file, or one of the shipped files in
/// `Mappings/`), keyed like ``MappingSet`` so they can replace its entries one by one.
///
/// A `null` entry in the file removes the default entry (``units`` and ``vatRates`` and
/// ``addressRoles`` hold `nil` for it).
public struct MappingOverride: Sendable, Hashable {
    /// The file the entries come from, for error messages.
    public var file: String
    /// Address roles to replace (`nil`: stop mapping that role).
    public var addressRoles: [AddressRole: AddressRoleMapping?]
    /// Units to replace, by Fortnox code (`nil`: remove the unit).
    public var units: [String: UnitMapping?]
    /// A new rule for Fortnox articles that have no Severa counterpart.
    public var newFortnoxArticle: NewArticleRule?
    /// Article types to replace, by Severa register.
    public var fortnoxArticleTypes: [ProductKind: FortnoxArticleType]
    /// VAT rates to replace, by country code (`nil`: remove the country).
    public var vatRates: [String: [Decimal]?]
    /// The top-level sections the file contains, e.g. `["units"]`.
    public var sections: Set<String>

    /// Creates an empty override for `file`.
    public init(file: String) {
        self.file = file
        self.addressRoles = [:]
        self.units = [:]
        self.newFortnoxArticle = nil
        self.fortnoxArticleTypes = [:]
        self.vatRates = [:]
        self.sections = []
    }

    /// The top-level keys of a mapping file.
    public static let sectionNames = ["addressRoles", "units", "productKinds", "vatRates"]

    /// Decodes a mapping file.
    ///
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - file: The file name shown in errors.
    /// - Returns: The entries the file gives.
    /// - Throws: ``JSONDocumentError`` naming the file and the key path (or line and column) of the
    ///   first problem.
    public static func decode(_ data: Data, file: String) throws(JSONDocumentError) -> MappingOverride {
        try decode(JSONDocument.parse(data, file: file), file: file)
    }

    /// Decodes a parsed mapping file; see ``decode(_:file:)-(Data,_)``.
    public static func decode(_ document: JSONValue, file: String) throws(JSONDocumentError) -> MappingOverride {
        let top = try JSONObjectReader(
            document, file: file, allowedKeys: ["version", "description"] + sectionNames
        )
        if let version = top.value("version"), version.numberValue?.int64 != 1 {
            throw top.mismatch("version", expected: "1 (the only mapping file version)", found: version)
        }
        _ = try top.optionalString("description")
        var result = MappingOverride(file: file)
        result.sections = Set(sectionNames.filter { top.value($0) != nil })
        let decoder = MappingOverrideDecoder(top: top)
        try decoder.decodeAddressRoles(into: &result)
        try decoder.decodeUnits(into: &result)
        try decoder.decodeProductKinds(into: &result)
        try decoder.decodeVATRates(into: &result)
        return result
    }
}
