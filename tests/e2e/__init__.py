"""Browser tests: whole journeys in headless Debian Chromium with an accessibility audit."""
