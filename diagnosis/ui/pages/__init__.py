"""The steps of the wizard but the questions and the plan: the start list, the enterprise, the
questionnaire, the live review and the finish page."""
