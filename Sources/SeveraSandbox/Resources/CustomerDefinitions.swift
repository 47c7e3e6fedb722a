import Foundation
import JSONSupport
import SandboxKit

/// Customers, their addresses and contact persons (`customers:*` scopes).
enum CustomerDefinitions {
    /// `CustomerModel`; create needs only `name`, numbers are unique and assigned from 1001 when absent.
    static let customers = ResourceDefinition(
        kind: .customers,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .integer("number", bits32: false),
                .flag("isActive", default: true), .flag("isInternal"), .text("notes"), .text("email"),
                .text("website"), .text("vatNumber"), .text("kvkNumber", maxLength: 25),
                .integer("numberOfEmployees"), .integer("annualRevenue", bits32: false),
                .reference("language", to: .languages, SeveraDefinitions.languageModel),
                .reference("currency", to: .currencies, SeveraDefinitions.currencyModel),
                .reference("owner", to: .users, SeveraDefinitions.userModel),
                .foreign("industry", "industry"), .foreign("timezone", "time zone"),
                .foreign("pricelist", "price list"), .rendered("headquarterAddress", writeHeadquarterAddress),
                .integer("paymentTerm"), .number("overdueInterest"),
                .reference("invoicingVat", to: .vatRates, SubModel.copying("percentage", "code")),
                .text("eInvoiceAddress"), .text("eInvoiceOperator"), .text("organizationUnitNumber"),
                .foreign("invoiceTemplate", "invoice template"),
            ] + FieldSpec.auditFields),
        // INVENTED: the first number Severa hands out depends on the organisation; the emulator starts at 1001.
        numberField: "number", numberFloor: 1001,
        finish: { draft, store throws(SeveraAPIError) in
            // INVENTED: a new customer gets the organisation's currency when none is given.
            if draft.mode.isCreate {
                draft.setDefault("currency", .string(SeveraGUID.string(store.organisationCurrency)))
            }
        },
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: Severa refuses to delete a customer that still has projects or invoices.
            let hasInvoices = store[.invoices].records.contains {
                !$0.isDeleted && store.reference(.invoices, $0, "customer") == record.guid
            }
            if !store[.projects].childPositions(of: record.guid).isEmpty || hasInvoices {
                throw .invalidOperation("The customer has projects or invoices and cannot be deleted.")
            }
        },
        afterDelete: { store, record, _ in
            for kind in [SeveraKind.addresses, .contactPersons] {
                for position in store[kind].childPositions(of: record.guid) { store[kind].delete(at: Int(position)) }
            }
        }
    )

    /// UNVERIFIED: which address Severa shows as `headquarterAddress`; the emulator takes the customer's
    /// first visit address, else its first address (`CustomerHeadquarterAddress`, country as its name).
    private static func writeHeadquarterAddress(
        _ record: StoredRecord, _ store: SeveraStore, _ cache: inout RenderCache, _ output: inout [UInt8]
    ) {
        let schema = SeveraDefinitions.schema(.addresses)
        let table = store[.addresses]
        let visit = schema.index(of: "isVisitAddress") ?? 0
        guard
            let address = table.firstChild(of: record.guid, where: { StoredValue.isTrue($0.fields.value(of: visit)) })
                ?? table.firstChild(of: record.guid)
        else {
            output.append(contentsOf: "null".utf8)
            return
        }
        func field(_ name: String) {
            output.append(contentsOf: "\"\(name)\":".utf8)
            if let index = schema.index(of: name), let bytes = address.fields.value(of: index) {
                output.append(contentsOf: bytes)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        }
        output.append(UInt8(ascii: "{"))
        field("addressline")
        output.append(UInt8(ascii: ","))
        field("city")
        output.append(contentsOf: ",\"country\":".utf8)
        if let country = store.reference(.addresses, address, "country") {
            output.append(
                contentsOf: cache.reference(country, model: 1) {
                    store.record(.countries, country).flatMap { record in
                        SeveraDefinitions.schema(.countries).index(of: "name").flatMap { record.fields.value(of: $0) }
                    }.map(Array.init) ?? Array("null".utf8)
                })
        } else {
            output.append(contentsOf: "null".utf8)
        }
        output.append(contentsOf: ",\"guid\":".utf8)
        store.writeQuotedGUID(address.guid, to: &output)
        output.append(UInt8(ascii: ","))
        field("postalCode")
        output.append(UInt8(ascii: "}"))
    }

    /// `AddressModel`: one multi-line `addressline`, three type flags, country as a reference. A customer
    /// has any number of addresses, listed in the order they were created; `customer` comes from the route
    /// and cannot be patched (INVENTED).
    ///
    /// UNVERIFIED: whether changing an address moves the customer's `lastUpdatedDateTime`; the emulator
    /// leaves the customer alone, so a client must watch `/v1/addresses?changedSince=` as well.
    static let addresses = ResourceDefinition(
        kind: .addresses,
        schema: RecordSchema(
            [
                .guidField, .text("addressline"), .text("postalCode"), .text("city"), .flag("isBillingAddress"),
                .flag("isPostalAddress"), .flag("isVisitAddress"), .text("phone"), .text("fax"),
                .reference(
                    "country", to: .countries,
                    SubModel([
                        ("guid", .guid), ("name", .field("name")), ("englishName", .field("englishName")),
                        ("hasRegions", .field("hasRegions")),
                    ])),
                .foreign("countryRegion", "country region"),
                FieldSpec(
                    name: "customer",
                    kind: .owner(ReferenceSpec(target: .customers, subModel: SeveraDefinitions.customerModel)),
                    access: .readOnly),
                .rendered("contacts") { record, store, _, output in
                    guard let customer = record.owner, store[.contactPersons].hasChildren(customer) else {
                        output.append(contentsOf: "[]".utf8)
                        return
                    }
                    JSONSerializer.write(contactsOfAddress(record, store), to: &output)
                },
            ] + FieldSpec.auditFields)
    )

    private static func contactsOfAddress(_ record: StoredRecord, _ store: SeveraStore) -> JSONValue {
        guard let customer = record.owner else { return [] }
        let guid = SeveraGUID.string(record.guid)
        let schema = SeveraDefinitions.schema(.contactPersons)
        return .array(
            store[.contactPersons].children(of: customer).filter {
                store.string(.contactPersons, $0, "addressGuid") == guid
            }.map { ["guid": .string(SeveraGUID.string($0.guid)), "name": store.fullName(of: $0, schema: schema)] })
    }

    /// `ContactModel`: a person at a customer (`customer` is required on create).
    static let contactPersons = ResourceDefinition(
        kind: .contactPersons,
        schema: RecordSchema(
            [
                .guidField, .text("firstName", required: true), .text("lastName", required: true),
                .choice("salutation", ["Mr.", "Mrs.", "Ms."]),
                .computed("name") { record, store in
                    store.fullName(of: record, schema: SeveraDefinitions.schema(.contactPersons))
                },
                .text("description"), .text("jobTitle"), .flag("isActive", default: true),
                .flag("isDeleted", access: .readOnly),
                FieldSpec(
                    name: "customer",
                    kind: .owner(ReferenceSpec(target: .customers, subModel: SeveraDefinitions.customerModel)),
                    access: .readOnly),
                .text("addressGuid"), FieldSpec(name: "phoneNumbers", kind: .strings),
                FieldSpec(name: "emails", kind: .strings),
                .choice("satisfactionLevel", ["Unsatisfied", "Neutral", "Satisfied", "Unknown"]),
                .foreign("timeZone", "time zone"), .date("dateOfBirth"), .foreign("role", "contact role"),
                .reference("language", to: .languages, .named), .flag("isEmailAllowed"),
            ] + FieldSpec.auditFields),
        ownerField: ("customer", .customers),
        finish: { draft, store throws(SeveraAPIError) in
            guard let text = draft.string("addressGuid") else { return }
            guard let guid = SeveraGUID.parse(text), let address = store.record(.addresses, guid),
                address.owner == draft.owner
            else {
                throw .invalidParameter(
                    "Address with guid '\(text)' was not found for the customer.", name: "addressGuid")
            }
            draft.set("addressGuid", .string(SeveraGUID.string(guid)))
        }
    )
}
