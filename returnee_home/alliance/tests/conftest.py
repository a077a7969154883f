"""The orgs `world` (every role around a Nanjing Home, and Suzhou) for the alliance tests."""

from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401
