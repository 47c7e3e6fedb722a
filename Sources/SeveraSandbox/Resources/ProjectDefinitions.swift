import Foundation
import JSONSupport
import SandboxKit

/// Projects, their fees and the feed of deleted fees (`projects:*`, `fees:*`).
enum ProjectDefinitions {
    /// `ProjectOutputModel` / `ProjectInputModelBase`: create needs `name`, `customer{guid}` and
    /// `projectOwner{guid}`; numbers are unique and assigned from 1001 when absent.
    static let projects = ResourceDefinition(
        kind: .projects,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), FieldSpec(name: "projectStatus", kind: .structured),
                .flag("isInternal"), .text("internalName"), .integer("number", bits32: false), .text("description"),
                .flag("isClosed"), .date("closedDate", access: .readOnly), .flag("isJoiningAllowed"),
                .reference("customer", to: .customers, SeveraDefinitions.customerModel, required: true),
                .reference("projectOwner", to: .users, SeveraDefinitions.userModel, required: true),
                .reference("businessUnit", to: .businessUnits, SeveraDefinitions.businessUnitModel),
                .reference("currency", to: .currencies, SeveraDefinitions.currencyModel),
                .reference("customerContact", to: .contactPersons, .copying("name")),
                FieldSpec(name: "salesStatus", kind: .structured),
                .reference("salesPerson", to: .users, SeveraDefinitions.userModel), .integer("probability"),
                .date("expectedOrderDate"), .money("expectedValue"), .date("startDate"), .date("deadline"),
                .foreign("leadSource", "lead source"), .stored("rootPhase"),
                // The reference: "price list is ignored on create".
                .stored("pricelist"),
                .reference("costCenter", to: .costCenters, SeveraDefinitions.costCenterModel),
                .integer("paymentTerm"), .text("ourReference"), .text("yourReference"), .text("orderNumber"),
                .text("invoiceNotes"), .reference("billingContact", to: .users, SeveraDefinitions.userModel),
                .foreign("invoiceTemplate", "invoice template"), .flag("useWorkTypesFromSetting"),
                .foreign("defaultWorkType", "work type"), .flag("useProductsFromSetting"),
                .flag("isMileageBillable"), .flag("isDailyAllowanceBillable"), .flag("isOtherTravelExpensesBillable"),
                .flag("useOvertimeMultipliers"), .stored("keywords"), .integer("completionEstimatePercentage"),
                .integer("calculatedCompletionPercentage", access: .readOnly),
            ] + FieldSpec.auditFields),
        // INVENTED: project numbers start at 1001 like customer numbers. UNVERIFIED: that Severa refuses a
        // project number already in use (the emulator does, as for customers).
        numberField: "number", numberFloor: 1001,
        finish: finishProject,
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: a project with fees or invoices cannot be deleted.
            let hasInvoices = store[.invoices].records.contains { invoice in
                !invoice.isDeleted
                    && (store.value(.invoices, invoice, "projects")?.arrayValue ?? []).contains {
                        $0["guid"]?.stringValue == SeveraGUID.string(record.guid)
                    }
            }
            if !store[.projectFees].childPositions(of: record.guid).isEmpty || hasInvoices {
                throw .invalidOperation("The project has project fees or invoices and cannot be deleted.")
            }
        }
    )

    private static func finishProject(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        let today = JSONValue.string(SeveraTime.formatDay(draft.now))
        draft.owner = draft.reference("customer")
        if draft.mode.isCreate {
            let customerCurrency = draft.owner.flatMap { store.record(.customers, $0) }.flatMap {
                store.reference(.customers, $0, "currency")
            }
            draft.setDefault("currency", .string(SeveraGUID.string(customerCurrency ?? store.organisationCurrency)))
            draft.setDefault("businessUnit", .string(SeveraGUID.string(store.rootBusinessUnit)))
            // INVENTED: Severa's UI proposes today as the start date; the emulator does the same.
            draft.setDefault("startDate", today)
            // Derived from the project's guid (not random) so that seeding the same data twice gives the
            // same state (deterministic sample data).
            let rootPhase = SeveraReferenceData.stableGUID("rootphase:" + SeveraGUID.string(draft.guid))
            draft.set(
                "rootPhase", ["guid": .string(SeveraGUID.string(rootPhase)), "name": draft.value("name") ?? .null])
        }
        let wasClosed = draft.mode.existing.map { SeveraDefinitions.flag(.projects, $0, "isClosed") } ?? false
        let isClosed = draft.bool("isClosed") ?? false
        if isClosed && !wasClosed { draft.set("closedDate", today) }
        if !isClosed { draft.set("closedDate", nil) }
        if let sales = draft.value("salesStatus"), let type = sales.member(caseInsensitive: "salesStatusTypeGuid"),
            !type.isNull
        {
            throw .invalidParameter(
                "Sales status type with guid '\(type.stringValue ?? "\(type)")' was not found.",
                name: "salesStatus.salesStatusTypeGuid")
        }
        draft.set("salesStatus", nil)
        try finishProjectStatus(&draft, store)
    }

    /// Turns the `SimpleProjectStatusInputModel` input into the stored `ProjectStatusSubModel`.
    private static func finishProjectStatus(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        let previous = draft.mode.existing.flatMap { store.value(.projects, $0, "projectStatus") }
        let input = draft.value("projectStatus")
        var typeGuid = input?.member(caseInsensitive: "projectStatusTypeGuid")?.stringValue.flatMap(SeveraGUID.parse)
        if let text = input?.member(caseInsensitive: "projectStatusTypeGuid")?.stringValue, typeGuid == nil {
            throw .invalidParameter(
                "projectStatus.projectStatusTypeGuid must be a GUID, not '\(text)'.",
                name: "projectStatus.projectStatusTypeGuid")
        }
        if typeGuid == nil {
            // INVENTED: without a status the project gets the first active status type by sort order.
            typeGuid =
                store[.projectStatusTypes].records.filter {
                    !$0.isDeleted && SeveraDefinitions.flag(.projectStatusTypes, $0, "isActive")
                }.min {
                    (store.value(.projectStatusTypes, $0, "sortOrder")?.numberValue?.int64 ?? 0)
                        < (store.value(.projectStatusTypes, $1, "sortOrder")?.numberValue?.int64 ?? 0)
                }?.guid
        }
        guard let typeGuid else {
            draft.set("projectStatus", nil)
            return
        }
        guard let type = store.record(.projectStatusTypes, typeGuid) else {
            throw .invalidParameter(
                "Project status type with guid '\(SeveraGUID.string(typeGuid))' was not found.",
                name: "projectStatus.projectStatusTypeGuid")
        }
        let typeText = SeveraGUID.string(typeGuid)
        let sameType = previous?["projectStatusTypeGuid"]?.stringValue == typeText
        // A new status entry's guid is derived from the project, the type and the time, not random, so
        // seeding the same data twice gives the same state.
        let newStatusGuid = JSONValue.string(
            SeveraGUID.string(
                SeveraReferenceData.stableGUID(
                    "projectstatus:\(SeveraGUID.string(draft.guid)):\(typeText):\(draft.now)")))
        let statusGuid = sameType ? previous?["guid"] ?? newStatusGuid : newStatusGuid
        let description = input?.member(caseInsensitive: "description") ?? .null
        guard description.isNull || description.stringValue != nil else {
            throw .invalidParameter("projectStatus.description must be a string.", name: "projectStatus.description")
        }
        draft.set(
            "projectStatus",
            [
                "guid": statusGuid, "name": store.value(.projectStatusTypes, type, "name") ?? .null,
                "description": description, "projectStatusTypeGuid": .string(typeText),
            ])
    }
}
