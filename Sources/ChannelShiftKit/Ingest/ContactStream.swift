// Placeholder until the streaming reader lands (same signature).
public enum ContactReader {
    public static func read<S: ContactSink>(paths: [String], display: [String], options: IngestOptions,
                                            makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, IngestResult) {
        throw .data("streaming reader not built yet")
    }
}
