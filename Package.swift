// swift-tools-version:6.0
// channelshift: channel-shift analysis for UK council contact centres. No third-party packages.
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
        .target(name: "ChannelShiftKit", dependencies: ["CZlib"]),
        .executableTarget(name: "channelshift", dependencies: ["ChannelShiftKit"]),
        .testTarget(
            name: "ChannelShiftKitTests",
            dependencies: ["ChannelShiftKit"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
