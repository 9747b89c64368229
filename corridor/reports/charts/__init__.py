"""Charts and the map: static PNG (matplotlib, Agg) for PDF and Word, plotly figures for the HTML report."""
