"""Plain tools with no knowledge of people, consent or apps (see docs/architecture.md)."""
