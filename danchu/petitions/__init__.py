"""Feedback, recommendations, complaints, denunciations and citizen reception (issue #7)."""
