"""The 受理 (claims intake) window for bureau clerks: a thin layer over `diagnosis.intake.desk`."""
