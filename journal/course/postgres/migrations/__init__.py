"""Alembic migrations of the course database, shipped inside the package (`journal course migrate-db`)."""
