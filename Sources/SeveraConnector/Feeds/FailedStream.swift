import SyncCore

/// A stream that fails with `error` when its first page is asked for (a cursor that cannot be read).
func failedStream<Record: SyncRecord>(_ error: ConnectorError) -> AsyncThrowingStream<ChangePage<Record>, any Error> {
    AsyncThrowingStream(unfolding: { throw error })
}
