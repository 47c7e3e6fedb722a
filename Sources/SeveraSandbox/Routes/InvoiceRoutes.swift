import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// `/v1/invoices`, `/v1/invoicerows` and the invoice sub-routes.
enum InvoiceRoutes {
    /// Every route of this group.
    static let routes: [SeveraRoute] =
        CrudRoutes.resource(
            .invoices, "invoices", list: .token, operations: ["patch", "delete"], filter: invoiceFilter)
        + [
            SeveraRoute(.post, "invoices", .scope("invoices:write")) { context, store throws(SeveraAPIError) in
                let created = try InvoiceCreation.create(&store, body: try context.body(), now: context.now)
                return CrudRoutes.models(201, store, .invoices, created.compactMap { store.record(.invoices, $0.guid) })
            },
            SeveraRoute(.get, "invoices/{}/invoicerows", .scope("invoices:read")) {
                context, store throws(SeveraAPIError) in
                let invoice = try context.guid()
                guard store.record(.invoices, invoice) != nil else { throw .notFound() }
                var filter = RecordFilter(.invoiceRows)
                filter.text("rowType", equals: try context.query.choice("rowType", InvoiceDefinitions.rowTypes))
                return try CrudRoutes.listResponse(
                    store, .invoiceRows, source: .positions(store[.invoiceRows].childPositions(of: invoice)),
                    style: .token, filter: filter, query: context.query)
            },
            SeveraRoute(.get, "invoices/{}/projectfees", .scope("invoices:read")) {
                context, store throws(SeveraAPIError) in
                let invoice = try context.guid()
                guard store.record(.invoices, invoice) != nil else { throw .notFound() }
                var filter = RecordFilter(.projectFees)
                filter.reference("invoice", in: [invoice])
                return try Paging.tokenPage(store, .projectFees, filter: filter, query: context.query)
            },
        ]
        + CrudRoutes.resource(.invoiceRows, "invoicerows", list: .token, operations: ["patch", "delete"]) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.invoiceRows)
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + FileRoutes.routes

    /// Filters of `GET /v1/invoices`.
    static func invoiceFilter(_ query: ListQuery) throws(SeveraAPIError) -> RecordFilter {
        var filter = RecordFilter(.invoices)
        filter.changedSince(try query.instant("changedSince"))
        filter.reference("status", in: try query.guids("invoiceStatusGuids"))
        filter.reference("customer", in: try query.guids("customerGuids"))
        filter.number("number", in: try query.numbers("numbers"))
        filter.texts("referenceNumber", in: query.strings("referenceNumbers"))
        if let projects = try query.guids("projectGuids") {
            filter.add { record, store in
                (store.value(.invoices, record, "projects")?.arrayValue ?? []).contains {
                    $0["guid"]?.stringValue.flatMap(SeveraGUID.parse).map(projects.contains) ?? false
                }
            }
        }
        try dateRange(&filter, field: "date", from: query.instant("startDate"), to: query.instant("endDate"))
        try dateRange(&filter, field: "paymentDate", from: query.instant("paymentDateStart"), to: nil)
        for (name, isMinimum) in [("minimumTotalExcludingTax", true), ("maximumTotalExcludingTax", false)] {
            guard let text = query.value(name) else { continue }
            guard let bound = JSONNumber(literal: text)?.decimal else {
                throw .invalidParameter("\(name) must be a number.", .uriParameter, name: name)
            }
            filter.add { record, store in
                guard let total = store.value(.invoices, record, "totalExcludingTax")?["amount"]?.numberValue?.decimal
                else { return false }
                return isMinimum ? total >= bound : total <= bound
            }
        }
        return filter
    }

    private static func dateRange(_ filter: inout RecordFilter, field: String, from: Int64?, to: Int64?)
        throws(SeveraAPIError)
    {
        guard from != nil || to != nil else { return }
        let fromDay = from.map { $0 / 86_400_000 }
        let toDay = to.map { $0 / 86_400_000 }
        filter.add { record, store in
            guard let day = store.string(.invoices, record, field).flatMap(SeveraTime.dayNumber) else { return false }
            return (fromDay.map { day >= $0 } ?? true) && (toDay.map { day <= $0 } ?? true)
        }
    }
}
