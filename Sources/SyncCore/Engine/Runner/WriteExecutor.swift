/// Performs the remote writes of one batch; runs inside the bounded-concurrency tasks, so it holds only
/// `Sendable` values and returns outcomes instead of touching run state.
struct WriteExecutor<Flow: SyncFlow>: Sendable {
    typealias Record = Flow.Record

    /// A write to perform.
    enum Job: Sendable {
        /// Create a record that has no counterpart.
        case create(CreatePlan<Record>)
        /// Update one or both records of a pair.
        case sync(SyncPlan<Record>)
    }

    /// What came of a job.
    enum Outcome: Sendable {
        /// The record was created.
        case created(RemoteRecord<Record>)
        /// The create's outcome was unknown and the record was found afterwards: adopt it.
        case adopted(RemoteRecord<Record>)
        /// The create was refused or failed before it could take effect.
        case createFailed(ConnectorError)
        /// The create's outcome was unknown and the record was not found (`lookup` nil) or the lookup failed.
        case createUnconfirmed(ConnectorError, lookup: ConnectorError?)
        /// The updates that went through (by side) and those that failed.
        case synced(responses: [SystemSide: RemoteRecord<Record>], failures: [SystemSide: ConnectorError])

        /// The failure that must stop the run, if any.
        var fatal: EngineFailure? {
            switch self {
            case .created, .adopted: nil
            case .createFailed(let error): EngineFailure.fatal(error)
            case .createUnconfirmed(_, let lookup): lookup.flatMap(EngineFailure.fatal)
            case .synced(_, let failures): failures.values.lazy.compactMap(EngineFailure.fatal).first
            }
        }

        /// Whether the create was followed by a lookup (its answer was lost or not the API's) and how
        /// that lookup, a record read, failed (`nil` when it answered).
        var lookupAfterCreate: (made: Bool, failure: ConnectorError?) {
            switch self {
            case .adopted: (true, nil)
            case .createUnconfirmed(_, let lookup): (true, lookup)
            case .created, .createFailed, .synced: (false, nil)
            }
        }
    }

    /// The flow whose endpoints are written.
    let flow: Flow

    /// Performs `job`.
    func perform(_ job: Job) async -> Outcome {
        switch job {
        case .create(let plan): await create(plan)
        case .sync(let plan): await sync(plan)
        }
    }

    private func create(_ plan: CreatePlan<Record>) async -> Outcome {
        let endpoint = flow.endpoint(on: plan.target)
        do throws(ConnectorError) {
            return .created(try await endpoint.create(plan.source.remote.record))
        } catch  where error.kind == .outcomeUnknown {
            do throws(ConnectorError) {
                guard let found = try await endpoint.find(naturalKey: plan.source.naturalKey) else {
                    return .createUnconfirmed(error, lookup: nil)
                }
                return .adopted(found)
            } catch let lookupError {
                return .createUnconfirmed(error, lookup: lookupError)
            }
        } catch {
            return .createFailed(error)
        }
    }

    private func sync(_ plan: SyncPlan<Record>) async -> Outcome {
        var responses: [SystemSide: RemoteRecord<Record>] = [:]
        var failures: [SystemSide: ConnectorError] = [:]
        for update in plan.updates {
            do throws(ConnectorError) {
                responses[update.side] = try await flow.endpoint(on: update.side).update(
                    id: update.targetID, fields: update.fields, to: update.record)
            } catch {
                failures[update.side] = error
                if EngineFailure.fatal(error) != nil { break }
            }
        }
        return .synced(responses: responses, failures: failures)
    }
}
