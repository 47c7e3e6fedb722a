import HTTPSupport
public import SyncCore

extension FortnoxConnector {
    /// All units (`/3/units`), for R1.3.
    ///
    /// - Throws: ``ConnectorError``.
    public func units() async throws(ConnectorError) -> [MeasurementUnit] {
        var units: [MeasurementUnit] = []
        for entity in try await context.all(.units) {
            do {
                units.append(
                    MeasurementUnit(
                        code: try entity.requiredText("Code"), description: try entity.text("Description") ?? ""))
            } catch {
                throw context.api.failure(
                    .malformedResponse, FortnoxCall(.get, ["units"]), "a unit cannot be read: \(error)")
            }
        }
        return units
    }

    /// The codes of the active cost centers (`/3/costcenters`), for R4.5. An inactive cost center is
    /// left out, so a mapping to it leaves the dimension empty instead of failing the invoice.
    ///
    /// - Throws: ``ConnectorError``.
    public func costCenterCodes() async throws(ConnectorError) -> Set<String> {
        var codes: Set<String> = []
        for entity in try await context.all(.costCenters) {
            do {
                if try entity.bool("Active", default: true) { codes.insert(try entity.requiredText("Code")) }
            } catch {
                throw context.api.failure(
                    .malformedResponse, FortnoxCall(.get, ["costcenters"]), "a cost center cannot be read: \(error)")
            }
        }
        return codes
    }

    /// Every cost center's code with whether it is active, for the R4.5 report of `brygga check`.
    public func costCenterActivity() async throws(ConnectorError) -> [String: Bool] {
        var activity: [String: Bool] = [:]
        for entity in try await context.all(.costCenters) {
            do {
                activity[try entity.requiredText("Code")] = try entity.bool("Active", default: true)
            } catch {
                throw context.api.failure(
                    .malformedResponse, FortnoxCall(.get, ["costcenters"]), "a cost center cannot be read: \(error)")
            }
        }
        return activity
    }

    /// Whether project accounting is on (R5.1): `CompanySettings.ProjectAccounting` of
    /// `/3/settings/company` when present (the emulator's INVENTED field), else
    /// ``Options/assumesProjectAccounting``.
    ///
    /// - Throws: ``ConnectorError`` (`forbidden` without the `settings` scope).
    public func projectAccountingEnabled() async throws(ConnectorError) -> Bool {
        let call = FortnoxCall(.get, ["settings", "company"])
        let settings = try await context.api.entity(call, wrapper: "CompanySettings")
        do {
            return try settings.bool("ProjectAccounting", default: configuration.options.assumesProjectAccounting)
        } catch {
            throw context.api.failure(.malformedResponse, call, "the company settings cannot be read: \(error)")
        }
    }
}
