"""Plain-language (B1) checks for the Dutch interface texts."""
