"""The diagnosis beyond the score: how the enterprise was assessed, its problems and needs, the
improvement plan with its budget, the level the plan reaches, and the enterprise's confirmation."""
