// swift-tools-version:6.0
// channelshift: channel-shift analysis for UK council contact centres. No third-party packages.
// Dependencies point down: channelshift (main.swift) → ChannelShiftCLI (arguments, commands, notebook renderer)
// → ChannelShiftKit (ingest, cube, analyses, output, notebook parsing). The library never imports the CLI.
import PackageDescription

let package = Package(
    name: "channelshift",
    products: [
        .executable(name: "channelshift", targets: ["channelshift"]),
        .library(name: "ChannelShiftKit", targets: ["ChannelShiftKit"]),
    ],
    targets: [
        // The system zlib, for .gz exports (zlib1g-dev on Debian/Ubuntu).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // A SIGBUS guard (sigsetjmp/siglongjmp) for scans of memory-mapped files that may shrink while read.
        .target(name: "CMappedScan", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // gzip decoding straight into the reader's chunks, with its own CRC-32 (zlib is kept for writing .gz).
        .target(name: "CInflate", cSettings: [.unsafeFlags(["-O3", "-gdwarf-4"])]),
        // SSE2 bitmasks of delimiter, LF, quote, NUL and non-ASCII bytes, 64 at a time, for the record scanner.
        // Every C target is built with DWARF 4: valgrind 3.19, which measures the scanner (callgrind), gives up on
        // a binary whose DWARF 5 unit is not the first unit.
        .target(name: "CStructuralMask", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // SHA-256 blocks with the x86 SHA extensions, for the provenance digests (Support/SHA256.swift falls back).
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // The font generator lives beside the glyphs it writes (Output/Docx/RasterFont.swift); it is not compiled.
        .target(name: "ChannelShiftKit", dependencies: ["CZlib", "CMappedScan", "CInflate", "CStructuralMask", "CSHA256"],
                exclude: ["Output/Docx/make-raster-font.py"]),
        .target(name: "ChannelShiftCLI", dependencies: ["ChannelShiftKit"]),
        .executableTarget(name: "channelshift", dependencies: ["ChannelShiftCLI", "ChannelShiftKit"]),
        .testTarget(
            name: "ChannelShiftKitTests",
            dependencies: ["ChannelShiftKit", "ChannelShiftCLI", "CInflate", "CZlib"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
