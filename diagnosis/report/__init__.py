"""The PDF diagnosis report: plain report data first, then reportlab layout, then verification;
and the same assessment as an Excel workbook."""

MAX_REPORT = 2 * 2**30  # a report file read whole; the PDF readers apply their own limits inside
