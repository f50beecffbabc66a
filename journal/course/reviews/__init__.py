"""Peer review rounds: a tutor opens a round, the allocation gives each eligible entry N reviewers, reviewers
post reviews (comments marked as reviews), and the course's record keeps who reviewed what.

model.py is what a round, an allocation and a review are, and the store contract; allocation.py the pure
allocation; folder.py the folder backend's record (PostgreSQL's is journal/course/postgres/reviews.py);
completion.py who has given and received what.
"""
