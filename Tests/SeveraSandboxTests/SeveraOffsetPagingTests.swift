import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraOffsetPagingTests {
    /// An offset-paged route and a seed that adds one record to it.
    struct Route: CustomTestStringConvertible, Sendable {
        let path: String
        let seed: @Sendable (SeveraTestHarness, Int) throws -> Void
        var testDescription: String { path }
    }

    static let routes: [Route] = [
        Route(path: "worktypes") { harness, index in
            try harness.emulator.seed(.worktypes, ["name": .string("W\(index)")])
        },
        Route(path: "travelexpensetypes") { harness, index in
            try harness.emulator.seed(
                .travelexpensetypes,
                [
                    "name": .string("T\(index)"), "expenseClass": "Mileage",
                    "unitCost": ["amount": 25, "currencyCode": "SEK"],
                ])
        },
        Route(path: "invoicestatuses") { harness, index in
            try harness.emulator.seed(.invoicestatuses, ["name": .string("S\(index)")])
        },
        Route(path: "businessunits") { harness, index in
            try harness.emulator.seed(.businessunits, ["name": .string("B\(index)")])
        },
        Route(path: "costcenters") { harness, index in
            try harness.emulator.seed(.costcenters, ["name": .string("CC\(index)"), "identifier": .string("\(index)")])
        },
        Route(path: "salesaccounts") { harness, index in
            try harness.emulator.seed(
                .salesaccounts, ["name": .string("A\(index)"), "number": .string("\(4000 + index)")])
        },
        Route(path: "contactpersons") { harness, index in
            let customer = try harness.seedCustomer("Owner \(index)")
            try harness.emulator.seed(
                .contactpersons,
                ["firstName": "Eva", "lastName": .string("L\(index)"), "customer": ["guid": .string(customer)]])
        },
        Route(path: "addresses") { harness, index in
            let customer = try harness.seedCustomer("Owner \(index)")
            try harness.emulator.seedAddress(customerGuid: customer, ["addressline": .string("Street \(index)")])
        },
    ]

    @Test(arguments: routes)
    func firstRowAndRowCountSliceTheListInCreationOrder(route: Route) throws {
        let harness = try SeveraTestHarness()
        let before = try harness.get("\(route.path)?rowCount=1000").arrayValue ?? []
        for index in 0..<30 { try route.seed(harness, index) }
        let all = try harness.get("\(route.path)?rowCount=1000").arrayValue ?? []
        #expect(all.count == before.count + 30)
        let slice = try harness.get("\(route.path)?firstRow=\(before.count + 5)&rowCount=10").arrayValue ?? []
        #expect(slice == Array(all[(before.count + 5)..<(before.count + 15)]))
        let beyond = try harness.get("\(route.path)?firstRow=\(all.count)").arrayValue
        #expect(beyond == [])
        let counted = harness.call(.get, "\(route.path)?calculateRowCount=true&rowCount=1")
        #expect(counted.headers["TotalRowCount"] == String(all.count))
        #expect(try SeveraTestHarness.json(counted).arrayValue?.count == 1)
        #expect(counted.headers["NextPageToken"] == nil)
        SeveraTestHarness.expectError(
            harness.call(.get, "\(route.path)?firstRow=-1"), status: 400, type: "InvalidParameter", name: "firstRow")
    }

    @Test func rowCountDefaultsTo20AndIsCappedAt1000() throws {
        let harness = try SeveraTestHarness()
        for index in 0..<1005 { try harness.emulator.seed(.worktypes, ["name": .string("W\(index)")]) }
        #expect(try harness.get("worktypes").arrayValue?.count == 20)
        #expect(try harness.get("worktypes?rowCount=5000").arrayValue?.count == 1000)
        #expect(try harness.get("travelexpensetypes").arrayValue?.isEmpty == true)
    }

    @Test func travelExpenseTypesDefaultToAllRows() throws {
        let harness = try SeveraTestHarness()
        for index in 0..<30 {
            try SeveraOffsetPagingTests.routes[1].seed(harness, index)
        }
        #expect(try harness.get("travelexpensetypes").arrayValue?.count == 30)
    }

    @Test func addressesListWithChangedSince() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme", addresses: 2)
        harness.clock.advance(by: 30)
        try harness.emulator.seedAddress(customerGuid: customer, ["addressline": "Late street"])
        let recent = try harness.get("addresses?changedSince=2026-01-01T00:00:30Z").arrayValue ?? []
        #expect(recent.map { $0["addressline"] } == ["Late street"])
    }

    @Test func sortingsOrderOffsetLists() throws {
        let harness = try SeveraTestHarness()
        for name in ["b", "C", "a"] {
            try harness.emulator.seed(.costcenters, ["name": .string(name), "identifier": .string(name)])
        }
        func names(_ query: String) throws -> [String] {
            try harness.get("costcenters?\(query)").arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(
            try names("textToSearch=&sortings%5B0%5D.key=name&sortings%5B0%5D.value=Asc").prefix(3) == ["a", "b", "C"])
        #expect(try names("sortings[0].key=name&sortings[0].value=Desc").prefix(2) == ["Development", "Consulting"])
        SeveraTestHarness.expectError(
            harness.call(.get, "costcenters?sortings[0].key=nothing"), status: 400, type: "InvalidParameter",
            name: "sortings")
    }
}
