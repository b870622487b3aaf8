/// The static site generator. (Filled in by the Site work.)
public enum SiteModule {}
