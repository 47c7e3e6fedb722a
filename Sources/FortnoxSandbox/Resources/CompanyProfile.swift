import JSONSupport
import SandboxKit

/// `/3/settings/company` and `/3/companyinformation` of the emulated company.
extension FortnoxStore {
    /// The `CompanySettings` document. `ProjectAccounting` is INVENTED (Fortnox's settings resource has
    /// no such field); it reflects ``FortnoxEmulator/setProjectAccounting(enabled:)`` so clients and
    /// tests can see the setting.
    func companySettings(databaseNumber: String) -> JSONValue {
        [
            "CompanySettings": [
                "Address": "Storgatan 1", "BG": "", "BIC": "", "BranchCode": "", "City": "Stockholm",
                "ContactFirstName": "Sandra", "ContactLastName": "Sandbox", "Country": "Sverige", "CountryCode": "SE",
                "DatabaseNumber": .string(databaseNumber), "Domicile": "Stockholm", "Email": "info@sandbox.example",
                "Fax": "", "IBAN": "", "Name": "Brygga Sandbox AB", "OrganizationNumber": "556000-0000", "PG": "",
                "Phone1": "08-000 00 00", "Phone2": "", "TaxEnabled": true, "VATNumber": "SE556000000001",
                "VisitAddress": "Storgatan 1", "VisitCity": "Stockholm", "VisitCountry": "Sverige",
                "VisitCountryCode": "SE", "VisitName": "", "VisitZipCode": "111 22", "WWW": "", "ZipCode": "111 22",
                "ProjectAccounting": .bool(projectAccountingEnabled),
            ]
        ]
    }

    /// The `CompanyInformation` document (`DatabaseNumber` is the tenant id of client credentials).
    func companyInformation(databaseNumber: String) -> JSONValue {
        [
            "CompanyInformation": [
                "Address": "Storgatan 1", "City": "Stockholm", "CompanyName": "Brygga Sandbox AB", "CountryCode": "SE",
                "DatabaseNumber": Int(databaseNumber).map { .number(JSONNumber($0)) } ?? .string(databaseNumber),
                "OrganizationNumber": "556000-0000", "VisitAddress": "Storgatan 1", "VisitCity": "Stockholm",
                "VisitCountryCode": "SE", "VisitZipCode": "111 22", "ZipCode": "111 22",
            ]
        ]
    }
}
