from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401
