"""Tutors' private feedback: held until released, stored in the journal's comment log."""
