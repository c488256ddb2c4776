"""The question step: one question or a rating page at a time, with the dimension tree, the
editors per question kind, the evidence files and the notes."""
