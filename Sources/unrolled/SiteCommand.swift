import ArgumentParser
import Foundation
import Lessons
import Output
import Site
import Trace

extension Unrolled {
  /// `unrolled site`: write the tutorial site.
  struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "site",
      abstract: "Write the tutorial site: the lessons with their traces, the glossary and a page per model.",
      discussion: """
        The site is built in a temporary folder and moved into place only when complete; if
        any lesson has a problem, every problem is listed and nothing is written. The folder
        must be new, empty, or one that unrolled site wrote (its .unrolled-site file lists
        every file it wrote); the lessons and theme folders, the current folder, the home
        folder and any folder containing one of them are refused.
        """)

    @Option(help: ArgumentHelp("A folder of Markdown lessons (default: the built-in curriculum).", valueName: "dir"))
    var lessons: String?

    @Option(help: ArgumentHelp("Where to write the site.", valueName: "dir"))
    var out: String = "site"

    @Option(
      help: ArgumentHelp(
        "A folder of templates (NAME.mustache, also under templates/), site.css, stepper.js, present.css or present.js that replace the built-in ones; any other .mustache, .css or .js file in it is refused.",
        valueName: "dir"))
    var theme: String?

    @Option(
      help: ArgumentHelp(
        "The page's WebAssembly module (Scripts/build-wasm.sh; make site passes it): model pages then get an input field that runs the model in the page.",
        valueName: "file"))
    var liveModule: String?

    func validate() throws {
      if out.isEmpty { throw ValidationError("--out needs the name of a folder to write the site to, for example --out site") }
    }

    func run() throws {
      // The theme first: a mistyped --theme is refused before the lessons are traced.
      let renderer = try PageRenderer(theme: theme.map { URL(fileURLWithPath: $0) })
      let directory = lessons.map { URL(fileURLWithPath: $0) } ?? BuiltInCurriculum.directory
      let shelf = ModelShelf(lessonsDirectory: directory)
      let set = try LessonSetLoader(catalog: shelf, glossaryPage: "../glossary.html").load(directory: directory)
      // As a compiler warns: the site is built, each line says what to change.
      for warning in set.warnings {
        FileHandle.standardError.write(
          Data("unrolled: \(TerminalText.escaped("\(warning.location): warning: \(warning.message)"))\n".utf8))
      }
      let materials = try LessonMaterials.gather(for: set, shelf: shelf)
      let module: [UInt8]? = try liveModule.map { path in
        guard let data = FileManager.default.contents(atPath: path) else {
          throw ValidationError("--live-module: cannot read \(path); build it with Scripts/build-wasm.sh \(path)")
        }
        return [UInt8](data)
      }
      let tutorial = TutorialSite(
        lessons: set, materials: materials, generator: "unrolled \(Unrolled.version)", live: module != nil)
      let live = try module.map { try tutorial.liveAssets(module: $0) }
      var protected = [OutputFolder.Protected(path: directory.path, role: "the lessons folder")]
      if let theme { protected.append(OutputFolder.Protected(path: theme, role: "the theme folder")) }
      let destination = try SiteBuilder(renderer: renderer, title: set.title).build(
        tutorial.pages, into: URL(fileURLWithPath: out), protecting: protected, live: live)
      print("The site is in \(destination.path)/ — open \(destination.appendingPathComponent("index.html").path) in a browser.")
    }
  }
}
