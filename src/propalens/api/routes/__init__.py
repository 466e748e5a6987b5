"""One router per resource: analyses, stats, health."""
