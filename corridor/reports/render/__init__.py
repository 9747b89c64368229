"""Renderers: one laid-out document to HTML (interactive, standalone), PDF (the same template) and Word."""
