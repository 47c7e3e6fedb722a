import Foundation
import JSONSupport
import SandboxKit

/// Project fees ("costs added to a project") and the feed of deleted ones (`fees:*`).
enum ProjectFeeDefinitions {
    /// `ProjectFeeOutputModel` / `ProjectFeeInputModel`: `project{guid}` is required; a product supplies
    /// name, type, prices, VAT and unit when the input leaves them out. There is no total field.
    /// INVENTED: `project` cannot be patched. UNVERIFIED: a fee without `quantity` has quantity 0 (the
    /// .NET default of the non-nullable field).
    static let projectFees = ResourceDefinition(
        kind: .projectFees,
        schema: RecordSchema(
            [
                .guidField, .text("name"),
                .reference(
                    "project", to: .projects,
                    SubModel([("guid", .guid), ("name", .field("name")), ("companyGuid", .computed(companyGuid))]),
                    required: true, access: .createOnly),
                FieldSpec(name: "phase", kind: .structured),
                FieldSpec(
                    name: "customer",
                    kind: .derivedReference(
                        ReferenceSpec(target: .customers, subModel: SeveraDefinitions.customerModel),
                        { record, store in
                            record.owner.flatMap { store.record(.projects, $0) }.flatMap {
                                store.reference(.projects, $0, "customer")
                            }
                        }),
                    access: .readOnly),
                .reference("product", to: .products, SubModel.copying("name", "code")), .text("description"),
                .money("unitPrice"), .money("unitCost"), .number("quantity", absent: 0), .text("measurementUnit"),
                .flag("hasVolumePricing"), .choice("productType", CatalogDefinitions.productTypes),
                .number("vatRate"), .date("displayPeriodStartDate"),
                .reference(
                    "user", to: .users,
                    SubModel([
                        ("guid", .guid), ("code", .field("code")), ("name", .fullName),
                        ("companyGuid", .computed(companyGuid)),
                    ])),
                .reference("costCenter", to: .costCenters, SeveraDefinitions.costCenterModel),
                .reference("salesAccount", to: .salesAccounts, SeveraDefinitions.salesAccountModel),
                .date("eventDate"),
                .choice("billingSchedule", ["Immediately", "OnDate", "WhenPhaseCompleted", "Recurring"]),
                .date("plannedBillingDate"), .foreign("billingDependencyPhase", "phase"),
                .optionalFlag("isBillable", default: true),
                .reference("invoice", to: .invoices, SubModel.copying("date", "number")),
                .text("invoiceRowGuid", access: .readOnly), .text("invoiceRowDescription"),
                .number("invoiceQuantity"), .text("invoiceRowComment"), .flag("isRecurrenceRule", access: .readOnly),
                .text("recurrenceRuleGuid", access: .readOnly),
            ] + FieldSpec.auditFields),
        finish: finishFee,
        afterWrite: { store, position, _ in
            let fee = store[.projectFees].records[position]
            if store.reference(.projectFees, fee, "invoice") != nil
                || store.string(.projectFees, fee, "invoiceRowGuid") != nil
            {
                FeeInvoicing.syncRow(&store, feePosition: position, now: fee.updatedAt)
            }
        },
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: a fee already on an invoice cannot be deleted.
            if store.reference(.projectFees, record, "invoice") != nil {
                throw .invalidOperation("The project fee is on an invoice and cannot be deleted.")
            }
        },
        afterDelete: recordDeletion
    )

    private static func companyGuid(_ record: StoredRecord, _ store: SeveraStore) -> JSONValue {
        .string(SeveraGUID.string(store.rootBusinessUnit))
    }

    private static func finishFee(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let projectGuid = draft.reference("project"), let project = store.record(.projects, projectGuid) else {
            throw .invalidParameter("Project is required.", name: "project")
        }
        draft.owner = projectGuid
        if draft.mode.isCreate {
            // INVENTED: Severa does not take costs on closed projects.
            if SeveraDefinitions.flag(.projects, project, "isClosed") {
                throw .invalidOperation("Project \(SeveraGUID.string(projectGuid)) is closed.", name: "project")
            }
            if let product = draft.reference("product").flatMap({ store.record(.products, $0) }) {
                for (feeField, productField) in [
                    ("name", "name"), ("productType", "type"), ("unitPrice", "unitPrice"), ("unitCost", "unitCost"),
                    ("vatRate", "vatRate"), ("measurementUnit", "measurementUnit"), ("salesAccount", "salesAccount"),
                ] {
                    if let value = store.value(.products, product, productField) { draft.setDefault(feeField, value) }
                }
            }
            draft.setDefault("user", .string(SeveraGUID.string(store.apiUser)))
            draft.setDefault("eventDate", .string(SeveraTime.formatDay(draft.now)))
            draft.setDefault("billingSchedule", "Immediately")
        }
        if draft.string("name")?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            // INVENTED: a fee needs a name, given or taken from its product.
            throw .invalidParameter("Name is required when no product is given.", name: "name")
        }
        try checkCurrency(draft, project: project, store: store)
        try FeeInvoicing.checkAttachment(draft, project: projectGuid, store: store)
        try finishPhase(&draft, project: project, store: store)
    }

    /// INVENTED: fee prices are in the project's currency; another currency is rejected.
    private static func checkCurrency(_ draft: RecordDraft, project: StoredRecord, store: SeveraStore)
        throws(SeveraAPIError)
    {
        let projectCurrency = store.reference(.projects, project, "currency").flatMap { store.record(.currencies, $0) }
            .flatMap { store.string(.currencies, $0, "code") }
        for field in ["unitPrice", "unitCost"] {
            guard let code = draft.value(field)?["currencyCode"]?.stringValue, let projectCurrency else { continue }
            if code != projectCurrency {
                throw .invalidParameter(
                    "\(field).currencyCode must be the project's currency \(projectCurrency), not \(code).",
                    name: "\(field).currencyCode")
            }
        }
    }

    /// The fee's phase: the project's root phase (the only phase the emulator knows).
    private static func finishPhase(_ draft: inout RecordDraft, project: StoredRecord, store: SeveraStore)
        throws(SeveraAPIError)
    {
        let rootPhase = store.value(.projects, project, "rootPhase") ?? .null
        if let given = draft.value("phase")?.member(caseInsensitive: "guid"), !given.isNull,
            given.stringValue.flatMap(SeveraGUID.parse) != rootPhase["guid"]?.stringValue.flatMap(SeveraGUID.parse)
        {
            throw .invalidParameter(
                "Phase with guid '\(given.stringValue ?? "\(given)")' was not found in the project.", name: "phase.guid"
            )
        }
        draft.set("phase", rootPhase)
    }

    private static func recordDeletion(_ store: inout SeveraStore, _ record: StoredRecord, _ now: Int64) {
        let schema = SeveraDefinitions.schema(.deletedProjectFees)
        var draft = RecordDraft(
            kind: .deletedProjectFees, schema: schema, values: Array(repeating: nil, count: schema.fields.count),
            guid: record.guid, owner: record.owner, mode: .seed, now: now)
        let customer = record.owner.flatMap { store.record(.projects, $0) }.flatMap {
            store.reference(.projects, $0, "customer")
        }
        draft.set("deletedDateTime", .string(SeveraTime.formatInstant(now)))
        draft.set("lastUpdatedDateTime", .string(SeveraTime.formatInstant(record.updatedAt)))
        draft.set("project", SeveraDefinitions.guidOnly(record.owner))
        draft.set("customer", SeveraDefinitions.guidOnly(customer))
        draft.set("phase", store.value(.projectFees, record, "phase")?["guid"].map { ["guid": $0] } ?? .null)
        for name in ["user", "product"] {
            draft.set(name, SeveraDefinitions.guidOnly(store.reference(.projectFees, record, name)))
        }
        for name in ["name", "eventDate", "quantity", "measurementUnit"] {
            draft.set(name, store.value(.projectFees, record, name))
        }
        store[.deletedProjectFees].append(
            StoredRecord(
                guid: record.guid, owner: record.owner, createdAt: record.createdAt, updatedAt: now,
                fields: store.pack(draft)))
    }

    /// `DeletedProjectFeeModel`. The stored record's update instant is the deletion time (what `deletedSince`
    /// compares); `lastUpdatedDateTime` shows the fee's last change before it was deleted.
    static let deletedProjectFees = ResourceDefinition(
        kind: .deletedProjectFees,
        schema: RecordSchema([
            .guidField, .stored("deletedDateTime"), FieldSpec(name: "createdDateTime", kind: .createdDateTime),
            .computed("createdBy") { _, store in SeveraDefinitions.guidOnly(store.apiUser) },
            .stored("lastUpdatedDateTime"),
            .computed("lastUpdatedBy") { _, store in SeveraDefinitions.guidOnly(store.apiUser) },
            .stored("phase"), .stored("project"), .stored("customer"), .stored("user"), .stored("product"),
            .stored("name"), .stored("eventDate"), .stored("quantity"), .stored("measurementUnit"),
        ])
    )
}
