"""Actor views: ``public`` (directory, detail, map, home) and ``edit`` (organisation admins)."""
