// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "unrolled",
  products: [
    .executable(name: "unrolled", targets: ["unrolled"]),
    .library(name: "TraceCore", targets: ["TraceCore"]),
    .library(name: "Trace", targets: ["Trace"]),
    .library(name: "Lessons", targets: ["Lessons"]),
    .library(name: "Markup", targets: ["Markup"]),
    .library(name: "Figures", targets: ["Figures"]),
    .library(name: "LiveTrace", targets: ["LiveTrace"]),
    .library(name: "Site", targets: ["Site"]),
    .executable(name: "fuzz-checkpoint", targets: ["fuzz-checkpoint"]),
    .executable(name: "fuzz-lessons", targets: ["fuzz-lessons"]),
    .executable(name: "bench-training", targets: ["bench-training"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // System libraries: a module map and a shim header, nothing else.
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),

    // Eight floats at a time where Swift's SIMD8 goes lane by lane (an exact square root).
    .target(name: "CVectorMath"),

    // Two paths swapped in one step (renameat2's RENAME_EXCHANGE), which Swift's Glibc lacks.
    .target(name: "CFileExchange"),
    // Writing what a command makes: whole or not at all, never over what it did not write.
    .target(name: "Output", dependencies: ["CFileExchange"]),

    // The model, its forward pass, decoding, recording and checkpoint reading, in portable
    // Swift: the same sources build here and, as Embedded Swift, into the page's WebAssembly
    // (Scripts/build-wasm.sh). Natively the matrix product goes through OpenBLAS.
    .target(name: "TraceCore", dependencies: ["COpenBLAS"]),
    // The model's native edge: training on both cores, files, JSON through Codable, the
    // built-in models and data. Re-exports TraceCore, so `import Trace` sees the whole model.
    .target(
      name: "Trace", dependencies: ["TraceCore", "COpenBLAS", "CVectorMath", "Output"],
      resources: [.copy("Resources")]),
    // Text made HTML: the `HTML` value whose interpolation escapes, and the one escaping
    // function; portable, shared by the lessons, the figures and the pages.
    .target(name: "Markup"),
    // The figures and their narration for one trace, in portable Swift: the static build
    // writes them and the page's WebAssembly redraws them for a reader's input.
    .target(name: "Figures", dependencies: ["TraceCore", "Markup"]),
    // A reader's input traced and drawn in the page: the portable session the page's
    // WebAssembly runs (its exports and C runtime in WebAssembly/, built by
    // Scripts/build-wasm.sh, not by SwiftPM).
    .target(name: "LiveTrace", dependencies: ["TraceCore", "Markup", "Figures"], exclude: ["WebAssembly"]),
    // Markdown lessons -> typed lesson values; the only target that imports CCmark.
    .target(
      name: "Lessons",
      dependencies: ["Trace", "Markup", "CCmark", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources")]),
    // Lessons + traces -> pages.
    .target(
      name: "Site",
      dependencies: [
        "Trace", "Markup", "Figures", "Lessons", "Output", .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Resources")]),
    // The command-line tool: one file per subcommand.
    .executableTarget(
      name: "unrolled",
      dependencies: [
        "Trace", "Figures", "Lessons", "Site", "Output",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // libFuzzer entry point for the checkpoint reader (docs/checkpoint-format.md).
    .executableTarget(name: "fuzz-checkpoint", dependencies: ["Trace"]),
    // libFuzzer entry point for the lesson-set loader (docs/authoring.md, Scripts/fuzz.sh).
    .executableTarget(name: "fuzz-lessons", dependencies: ["Lessons", "Trace"]),
    // Training throughput on fixed shapes, set against Keras by bench/run.sh (docs/performance.md).
    .executableTarget(
      name: "bench-training",
      dependencies: ["Trace", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

    // What the test targets share: golden files and small seeded models.
    .target(name: "TestSupport", dependencies: ["Trace"], path: "Tests/TestSupport"),
    .testTarget(name: "OutputTests", dependencies: ["Output"]),
    .testTarget(
      name: "TraceTests", dependencies: ["Trace", "TraceCore", "TestSupport"],
      resources: [.copy("Fixtures")]),
    // Golden files are read from the source tree (#filePath), not from the bundle.
    .testTarget(
      name: "LessonsTests", dependencies: ["Lessons", "Trace", "TestSupport"],
      exclude: ["Snapshots"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "SiteTests", dependencies: ["Site", "Figures", "Markup", "TestSupport"],
      exclude: ["Snapshots"], resources: [.copy("Fixtures")]),
  ]
)
