"""Data exchange: CSV/XLSX/HXL imports with exact error reports, and exports in HXL, CSV, XLSX and JSON.

Imports are pipelines (parse → validate every row → write clean rows in one transaction → report);
exports read only through the `*_visible_to(user)` selectors. See docs/exchange.md.
"""
