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
    log: { line in StandardStreams.log(line) }
)
let outcome = Tool.main(Array(CommandLine.arguments.dropFirst()), context: context)
// FileHandle.write traps on a failed write (a full disk, a closed stdout): write(2) reports it instead.
exit(StandardStreams.finish(status: outcome.status.rawValue, stdout: outcome.stdout, stderr: outcome.stderr))
