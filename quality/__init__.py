"""Quality gates on a built site, shared by `invoke check` and the test suite."""
