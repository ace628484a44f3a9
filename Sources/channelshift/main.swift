// The channelshift executable: everything lives in ChannelShiftKit; this only wires up the process.
import ChannelShiftCLI
import ChannelShiftKit
import Foundation

let isTTY = isatty(STDERR_FILENO) == 1
let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
let context = CommandContext(
    workingDirectory: FileManager.default.currentDirectoryPath,
    showProgress: isTTY,
    sourceDateEpoch: epoch,
    threads: min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)),
    log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
)
let outcome = Tool.main(Array(CommandLine.arguments.dropFirst()), context: context)
if !outcome.stdout.isEmpty { FileHandle.standardOutput.write(Data(outcome.stdout.utf8)) }
if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
exit(outcome.status.rawValue)
