// `channelshift normalise`: any export the other commands read, written as the canonical contact CSV.
import Foundation
import ChannelShiftKit

public enum NormaliseCommand: ToolCommand {
    public static let spec = CommandSpec(
        name: "normalise",
        summary: "write the accepted contacts of any supported export as the canonical CSV (for DuckDB, Spark, or channelshift)",
        usage: "channelshift normalise [--out FILE[.gz]] [--gzip] [--key-file FILE] [options] FILE...",
        discussion: """
        Reads the exports as every command does (encodings, gzip, stdin '-', several files, --profile or --mapping,
        journeys collapsed, contacts already read from an earlier file dropped, rows rejected and counted) and
        writes one row per contact: contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email.
        started_at is local time YYYY-MM-DD HH:MM:SS, durations whole seconds, values canonical, rows in time order.
        contact_id is the start and the rank within that second, in the order cube breaks ties in; the caller key
        is replaced by a keyed one-way pseudonym (HMAC-SHA256): with --key-file the key is that file's bytes (keep
        it secret; the same key links callers across files), else a key drawn from the data (pseudonyms link
        within one run only). The output is pseudonymised personal data, not anonymous (docs/data-protection.md).
        'channelshift cube' reads it back to the same tables; docs/scale.md gives the DuckDB and Spark SQL.
        Without --out, writes to standard output.
        """,
        options: CommonOptions.dataInput.filter { $0.id != .taxonomy } + [
            OptionSpec(.out, value: "FILE", help: "output file, written atomically (default stdout); a .gz name compresses"),
            OptionSpec(.gzip, help: "gzip the output"),
            OptionSpec(.keyFile, value: "FILE", help: "secret key for the caller pseudonyms (at least 16 bytes), the same for files that must link"),
            OptionSpec(.threads, value: "N", help: "worker threads"),
            OptionSpec(.quiet, help: "no summary or progress on stderr"),
        ],
        positionals: "FILE...",
        example: "channelshift normalise --key-file secret.key --out data/contacts.csv.gz data/sample-contacts.csv")

    public static func run(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> String? {
        let outArg = args.value(.out).flatMap { $0 == "-" ? nil : $0 }
        let out = try outArg.map { p throws(ToolError) in try context.resolve(p, argument: "--out") }
        let gzip = args.flag(.gzip) || (out?.hasSuffix(".gz") ?? false)
        var key: [UInt8]?
        if let k = args.value(.keyFile) {
            let path = try context.resolve(k, argument: "--key-file")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .usage("cannot read --key-file \(context.display(path))", hint: "make one with: head -c 32 /dev/urandom > secret.key")
            }
            guard data.count >= 16 else {
                throw .usage("--key-file \(context.display(path)) holds \(data.count) bytes; a key needs at least 16",
                             hint: "make one with: head -c 32 /dev/urandom > secret.key")
            }
            key = [UInt8](data)
        }
        let (list, ingest, _) = try ContactData.read(args, context: context) { ContactList() }
        try DataChecks.requireContacts(ingest)
        var records = (consume list).records      // one copy of the contacts, sorted in place
        let written: Int
        if let out {
            let file = try AtomicFileWriter(path: out)
            do {
                written = try write(&records, ingest: ingest, key: key, gzip: gzip, into: file)
                try file.commit()
            } catch {
                file.abort()
                throw error
            }
        } else {
            written = try write(&records, ingest: ingest, key: key, gzip: gzip, into: StandardOutputSink())
        }
        if !args.flag(.quiet) {
            var s = "channelshift: normalise: \(ingest.rowsRead) rows read, \(ingest.rowsAccepted) accepted, \(ingest.rowsRejected) rejected"
            if written != ingest.rowsAccepted { s += "; \(written) contacts after journeys were collapsed" }
            s += "; \(written) rows written to \(out.map(context.display) ?? "stdout")"
            if key == nil { s += " (caller pseudonyms keyed from the data: give --key-file to link them across runs)" }
            context.log(s)
        }
        return nil
    }

    static func write<S: ByteSink>(_ records: inout [ContactRecord], ingest: IngestResult, key: [UInt8]?, gzip: Bool,
                                   into target: S) throws(ToolError) -> Int {
        if gzip {
            let z = try GzipWriter(into: target)
            var sink = z
            let n = try CanonicalCSV.write(&records, wraps: ingest.wraps, key: key, into: &sink)
            try z.finish()
            return n
        }
        var sink = target
        return try CanonicalCSV.write(&records, wraps: ingest.wraps, key: key, into: &sink)
    }
}
