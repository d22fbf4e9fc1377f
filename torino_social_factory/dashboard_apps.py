"""Dashboard sections that read the catalogue and events apps."""

SECTIONS = []
