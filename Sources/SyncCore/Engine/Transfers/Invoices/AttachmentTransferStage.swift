import Foundation

/// R4.3: the Severa invoice's files go to the Fortnox invoice: PDFs only, within Fortnox's limits, the
/// first few sent with the invoice; internal files and the invoice image never.
///
/// State is kept per file, so a resumed run neither uploads nor attaches twice: a lost upload is found
/// again by its name (`severa-<file guid>-<name>`), a lost attach by the invoice's attachments. A file
/// that can never go is skipped once with its reason; a transient failure stops the stage, and the
/// invoice stays in the trigger status until the next run finishes it.
struct AttachmentTransferStage: Sendable {
    /// What the stage did.
    struct Result: Sendable {
        var states: [AttachmentTransfer] = []
        var entries: [TransferLogEntry] = []
        var notes: [String] = []
        var failure: RuleViolation?
        /// A failure that stops the run (authorisation, availability).
        var fatal: EngineFailure?
    }

    let environment: InvoiceJobEnvironment
    let work: InvoiceWork

    /// The name a file is uploaded under, findable after a lost answer.
    static func uploadName(fileID: String, name: String) -> String { "severa-\(fileID)-\(name)" }

    /// Transfers the files of the invoice to Fortnox invoice `documentNumber`; `resuming` when an
    /// earlier run may have done part of it.
    func transfer(documentNumber: String, generation: Int, resuming: Bool) async -> Result {
        var result = Result()
        let limits = environment.accounting.attachmentLimits
        let known: [String: AttachmentTransfer]
        let files: [InvoiceFile]
        do throws(ConnectorError) {
            let stored =
                resuming
                ? (try? environment.store.attachmentTransfers(
                    severaID: work.severaID, generation: generation)) ?? [] : []
            known = Dictionary(stored.map { ($0.fileID, $0) }) { first, _ in first }
            files = try await environment.pm.invoiceFiles(invoiceID: work.severaID).sorted {
                ($0.sortOrder, $0.name) < ($1.sortOrder, $1.name)
            }
        } catch {
            result.fatal = EngineFailure.fatal(error)
            result.failure = failure("reading the files of", error, side: .projectManagement)
            return result
        }
        var total = 0
        var included = 0
        var attachedCount = 0
        for file in files {
            var state =
                known[file.id] ?? AttachmentTransfer(severaID: work.severaID, generation: generation, fileID: file.id)
            if state.skipReason != nil { continue }
            if let reason = Self.skipReason(file, limits: limits, totalSoFar: total) {
                state.skipReason = reason
                result.states.append(state)
                result.entries.append(skipEntry(file, reason: reason, documentNumber: documentNumber))
                continue
            }
            let includeOnSend = included < limits.maxIncludedOnSend
            var size = file.size
            if state.attachmentID == nil {
                do throws(ConnectorError) {
                    let sent = try await send(
                        file, into: &state, documentNumber: documentNumber, resuming: resuming,
                        includeOnSend: includeOnSend, limits: limits, totalSoFar: total)
                    size = sent ?? size
                } catch {
                    guard let reason = Self.refusal(error) else {
                        result.fatal = EngineFailure.fatal(error)
                        result.states.append(state)
                        result.failure = failure("attaching \(file.name) to", error, side: .accounting)
                        return result
                    }
                    state.skipReason = reason
                }
                if let reason = state.skipReason {
                    result.entries.append(skipEntry(file, reason: reason, documentNumber: documentNumber))
                }
                result.states.append(state)
            }
            if state.attachmentID != nil {
                total += size ?? 0
                attachedCount += 1
                if includeOnSend { included += 1 }
            }
        }
        if attachedCount > 0 {
            result.notes.append("\(attachedCount) attachment(s) on Fortnox invoice \(documentNumber)")
        }
        return result
    }

    /// Uploads (unless uploaded) and attaches `file`, updating `state` after each step; the file's real
    /// size is checked against the limits again (Severa's listed size may be missing or wrong).
    ///
    /// - Returns: The bytes downloaded, when the file was downloaded.
    @discardableResult
    private func send(
        _ file: InvoiceFile, into state: inout AttachmentTransfer, documentNumber: String, resuming: Bool,
        includeOnSend: Bool, limits: AttachmentLimits, totalSoFar: Int
    ) async throws(ConnectorError) -> Int? {
        var downloaded: Int?
        let accounting = environment.accounting
        let name = Self.uploadName(fileID: file.id, name: file.name)
        if state.fortnoxFileID == nil, resuming {
            state.fortnoxFileID = try await accounting.findUploadedFile(named: name)
        }
        if state.fortnoxFileID == nil {
            let data = try await environment.pm.fileData(fileID: file.fileID)
            downloaded = data.count
            var real = file
            real.size = data.count
            if !data.starts(with: Array("%PDF".utf8)) {
                state.skipReason = "not a PDF (its content); Fortnox attaches PDFs only"
                return downloaded
            }
            if let reason = Self.skipReason(real, limits: limits, totalSoFar: totalSoFar) {
                state.skipReason = reason
                return downloaded
            }
            do throws(ConnectorError) {
                state.fortnoxFileID = try await accounting.uploadFile(named: name, data: data)
            } catch  where error.kind == .outcomeUnknown {
                guard let found = try await accounting.findUploadedFile(named: name) else { throw error }
                state.fortnoxFileID = found
            }
        }
        guard let fileID = state.fortnoxFileID else { return downloaded }
        if resuming,
            let found = try await accounting.invoiceAttachments(documentNumber: documentNumber)
                .first(where: { $0.fileID == fileID })
        {
            state.attachmentID = found.id
            return downloaded
        }
        do throws(ConnectorError) {
            state.attachmentID = try await accounting.attachFile(
                fileID, toInvoice: documentNumber, includeOnSend: includeOnSend
            ).id
        } catch  where error.kind == .outcomeUnknown {
            guard
                let found = try await accounting.invoiceAttachments(documentNumber: documentNumber)
                    .first(where: { $0.fileID == fileID })
            else { throw error }
            state.attachmentID = found.id
        }
        return downloaded
    }

    /// Why `file` is never transferred, or `nil`: internal, not a PDF, too big, or over the invoice's total.
    static func skipReason(_ file: InvoiceFile, limits: AttachmentLimits, totalSoFar: Int) -> String? {
        if file.isInternal { return "internal file" }
        let isPDF =
            file.contentType?.lowercased().hasPrefix("application/pdf") ?? file.name.lowercased().hasSuffix(".pdf")
        if !isPDF { return "not a PDF (\(file.contentType ?? "no content type")); Fortnox attaches PDFs only" }
        let megabytes = { (bytes: Int) in "\(bytes / 1_048_576) MB" }
        if let size = file.size, size > limits.maxFileBytes {
            return "\(size) bytes, over Fortnox's \(megabytes(limits.maxFileBytes)) per file"
        }
        if let size = file.size, totalSoFar + size > limits.maxTotalBytes {
            return "it would take the invoice's attachments over Fortnox's \(megabytes(limits.maxTotalBytes))"
        }
        return nil
    }

    /// The reason Fortnox refused a file for good (its kind, size or total), or `nil` for other failures.
    static func refusal(_ error: ConnectorError) -> String? {
        guard error.kind == .rejected, let code = error.remoteCode else { return nil }
        let permanent = ["file_too_big", "wrong_file_type", "max_total_attachments_exceeded"]
        return permanent.contains(code) ? "Fortnox refused it: \(error.message)" : nil
    }

    private func skipEntry(_ file: InvoiceFile, reason: String, documentNumber: String) -> TransferLogEntry {
        environment.entry(
            .skipped, work, accountingID: documentNumber,
            reason: "attachment \(file.name) of \(InvoiceLabel(work.header.record)) not transferred: \(reason)",
            rule: "R4.3")
    }

    private func failure(_ doing: String, _ error: ConnectorError, side: SystemSide) -> RuleViolation {
        .failed(
            rule: "R4.3", reason: "\(doing) \(InvoiceLabel(work.header.record)) failed: \(error)",
            hint: "the invoice stays in the trigger status; the next run finishes its attachments and then moves it "
                + "(nothing is created twice)")
    }
}

/// Fortnox's limits on invoice attachments (R4.3).
public struct AttachmentLimits: Sendable, Hashable {
    /// The largest file.
    public var maxFileBytes: Int
    /// The largest total per invoice.
    public var maxTotalBytes: Int
    /// How many attachments may be sent with the invoice.
    public var maxIncludedOnSend: Int

    /// Creates limits.
    public init(maxFileBytes: Int, maxTotalBytes: Int, maxIncludedOnSend: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxIncludedOnSend = maxIncludedOnSend
    }
}
