/// A lesson: one Markdown file of the curriculum, parsed. (Filled in by the Lessons work.)
public enum LessonsModule {}
