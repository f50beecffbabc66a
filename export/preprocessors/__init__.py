"""The preprocessors of the journal exporters, one concept per module."""
