"""The PDF diagnosis report: plain report data first, then reportlab layout, then verification;
and the same assessment as an Excel workbook."""
