// Loads assumptions from a standalone file or a notebook's ```assumptions blocks (parser lands with `render`).
public enum AssumptionFile {
    public static func load(_ path: String, display: String) throws(ToolError) -> AssumptionSet {
        throw .usage("--assumptions is not available yet", hint: "the assumptions parser arrives with the render command")
    }
}
