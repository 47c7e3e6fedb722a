import Foundation
import JSONSupport
import Sandbox
import SandboxKit
import SeveraSandbox
import Testing

/// Exit codes when an API answers with something that is not its API's (a maintenance page), through
/// the built binary against a loopback sandbox: monitoring keyed on 69 must see the outage (O7).
@Suite struct UnhealthyAPIEndToEndTests {
    static let customersOnly: JSONValue = ["products": false, "customers": true, "projects": false]

    /// A sandbox holding no sample data, with the customer flow only.
    private static func bed() async throws -> SyncTestbed {
        try await SyncTestbed(flows: customersOnly, populate: false)
    }

    /// Seeds valid Severa customers (a billing address, a valid VAT number) numbered `numbers`.
    private static func seedSeveraCustomers(_ bed: SyncTestbed, _ numbers: ClosedRange<Int64>) throws {
        let references = try SeveraReferenceIDs(state: bed.sandbox.severa.exportState())
        let country = try #require(references.countries["SE"])
        for number in numbers {
            let model: JSONValue = [
                "number": .number(JSONNumber(number)), "name": .string("Kund \(number) AB"),
                "vatNumber": "SE556677889901",
            ]
            let guid = try #require(try bed.sandbox.severa.seed(.customers, model)["guid"]?.stringValue)
            _ = try bed.sandbox.severa.seedAddress(
                customerGuid: guid,
                [
                    "addressline": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm",
                    "country": ["guid": .string(country)], "isBillingAddress": true, "isPostalAddress": false,
                    "isVisitAddress": false,
                ])
        }
    }

    @Test("O7: a maintenance page answering 200 on a listing exits 69 naming the API, the request and the first bytes")
    func maintenancePageOnAListingExits69() async throws {
        let bed = try await Self.bed()
        try Self.seedSeveraCustomers(bed, 7001...7001)
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers: html200@1"))

        let result = try await bed.brygga(["run"])

        #expect(result.status == 69, "\(result.errorOutput)")
        #expect(
            result.errorOutput.contains(
                "run 1 stopped: Fortnox GET /3/customers?limit=500&page=1: the answer is not the Fortnox API's: an HTML "
                    + "page instead of JSON (HTTP 200, Content-Type text/html; charset=utf-8, "),
            "\(result.errorOutput)")
        #expect(result.errorOutput.contains(#"bytes: "<!DOCTYPE html>\n<html><head><title>Scheduled maintenance"#))
        #expect(result.errorOutput.contains("the work done so far is kept and the next run resumes"))

        bed.sandbox.injectFaults(nil)
        let next = try await bed.brygga(["run"])
        #expect(next.status == 0, "\(next.errorOutput)")
        #expect(next.output.contains("customers 1 created"), "\(next.output)")
    }

    @Test("O7: the token endpoint answering with a maintenance page exits 69, not 77, without a secret")
    func maintenancePageOnTheTokenEndpointExits69() async throws {
        let bed = try await Self.bed()
        bed.sandbox.injectFaults(try FaultPlan.parse("POST /rest-api/v1/token: html200@1"))

        let result = try await bed.brygga(["run"])

        #expect(result.status == 69, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("POST /rest-api/v1/token"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("is not the Severa token endpoint's: an HTML page instead of JSON"))
        let secret = bed.sandbox.configuration.credentials.severaClientSecret
        #expect(!(result.output + result.errorOutput).contains(secret))
    }

    @Test("O7: maintenance pages answering three record reads in a row exit 69; the next clean run transfers them")
    func threeRecordReadsInARowExit69() async throws {
        let bed = try await Self.bed()
        try Self.seedSeveraCustomers(bed, 7101...7102)
        let first = try await bed.brygga(["run"])
        #expect(first.status == 0, "\(first.errorOutput)")
        try Self.seedSeveraCustomers(bed, 7103...7105)
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers/*: html200=1"))

        let stopped = try await bed.brygga(["run"])

        #expect(stopped.status == 69, "\(stopped.errorOutput)")
        #expect(
            stopped.errorOutput.contains(
                "Fortnox answered 3 record reads in a row with something that is not its API's"),
            "\(stopped.errorOutput)")

        bed.sandbox.injectFaults(nil)
        let next = try await bed.brygga(["run"])
        #expect(next.status == 0, "\(next.errorOutput)")
        #expect(next.output.contains("customers 3 created"), "\(next.output)")
    }

    @Test("O7: one record read answered by a maintenance page among good ones exits 1; the next run transfers it")
    func oneRecordReadAmongGoodOnesExits1() async throws {
        let bed = try await Self.bed()
        try Self.seedSeveraCustomers(bed, 7201...7201)
        let first = try await bed.brygga(["run"])
        #expect(first.status == 0, "\(first.errorOutput)")
        try Self.seedSeveraCustomers(bed, 7202...7204)
        bed.sandbox.injectFaults(try FaultPlan.parse("GET /3/customers/*: html200@2"))

        let partial = try await bed.brygga(["run"])

        #expect(partial.status == 1, "\(partial.errorOutput)")
        #expect(partial.output.contains("customers 2 created"), "\(partial.output)")
        #expect(partial.errorOutput.contains("1 item(s) failed"))

        let next = try await bed.brygga(["run"])
        #expect(next.status == 0, "\(next.errorOutput)")
        #expect(next.output.contains("customers 1 created"), "\(next.output)")
    }
}
