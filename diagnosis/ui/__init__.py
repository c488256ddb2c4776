"""The PySide6 wizard: a thin layer over the core (session, flow, storage, report)."""
