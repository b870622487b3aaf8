import Markup

/// The markup contract between figures and stepper.js.
///
/// A stepping figure is `<figure class="stepper" data-stepper id=ID>` holding an
/// `<ol class="steps">` of `<li class="step" id="ID/phase-n" data-announce="…">`; the
/// script shows one step at a time, adds the controls and the live region, and marks
/// every element with `data-for-step="phase-n"` as current. Without the script every
/// step stays on the page, in order, and `#ID/phase-n` scrolls to it.
package enum StepperMarkup {
  package struct Step {
    var anchor: String
    var title: HTML
    var announce: String
    var body: HTML

    package init(anchor: String, title: HTML, announce: String, body: HTML) {
      self.anchor = anchor
      self.title = title
      self.announce = announce
      self.body = body
    }
  }

  package static func list(figureID: String, steps: [Step]) -> HTML {
    var html: HTML = "<ol class=\"steps\">"
    for step in steps {
      html +=
        "<li class=\"step\" id=\"\(figureID)/\(step.anchor)\" data-step=\"\(step.anchor)\" data-announce=\"\(step.announce)\">"
      html += "<h3 class=\"step-title\">\(step.title)</h3>"
      html += step.body
      html += "</li>"
    }
    return html + "</ol>"
  }
}
