"""Participation: who is writing, citing and commenting, week by week, for a class or one journal."""

from .participation import Report, build_report

__all__ = ["Report", "build_report"]
