"""Layout: a built report as sections of blocks (paragraphs, lists, tables, figures) that every renderer
draws the same way, so HTML, PDF and Word hold the same sections, tables and figures."""
