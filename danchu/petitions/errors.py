"""Errors of the petitions pillar."""


class PetitionError(ValueError):
    """A change to a case that the law or the case's state does not allow; the message is in the
    user's language and nothing was changed (issue #7, "Bad input")."""
