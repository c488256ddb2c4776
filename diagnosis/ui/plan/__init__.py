"""The plan step (诊断结论与改造方案): the tabs of the plan, its tables edited by keyboard, and the
level the plan reaches, live."""
