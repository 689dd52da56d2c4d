// swift-tools-version:6.2
import PackageDescription

/// One settings array applied to every Swift target of this package: the
/// Swift 6 language mode (complete strict concurrency checking) is set for the
/// package below; here, existential `any` spelled out and no warnings allowed.
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

/// The tests run against the optimized library (`make test` builds one
/// configuration, release with testability); the test code itself is not
/// optimized, which halves its compile time and costs nothing at run time.
let testSwiftSettings: [SwiftSetting] = sharedSwiftSettings + [
    .unsafeFlags(["-Onone"], .when(configuration: .release)),
]

let package = Package(
    name: "mapcli",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Geo", targets: ["Geo"]),
        .executable(name: "mapcli", targets: ["mapcli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "Geo",
            dependencies: ["CGEOS", "CPROJ", "CGDAL", "CLibPQ"],
            swiftSettings: sharedSwiftSettings
        ),
        .executableTarget(
            name: "mapcli",
            dependencies: [
                "Geo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "GeoTests",
            dependencies: ["Geo"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "mapcliTests",
            // The CLI tests run the built binary: depending on the executable makes
            // `swift test` (and `swift build --build-tests`) build it first.
            dependencies: ["Geo", "mapcli"],
            exclude: ["Golden", "Browser"],
            swiftSettings: testSwiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
