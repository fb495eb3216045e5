"""Authentication for the API: a bearer token, or the browser's session."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from danchu.core.access.tokens import user_for_token


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api_auth = [ApiTokenAuth(), SessionAuth(csrf=True)]
