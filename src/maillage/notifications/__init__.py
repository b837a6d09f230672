"""In-app notifications and e-mail (immediate, daily or weekly digest, as each user chooses)."""
