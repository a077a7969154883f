"""Demo data: the generator helpers (names, universities, places, texts, codes) and the registry
through which each app's `demo.py` adds its part of the demo province (`manage.py seed_demo`)."""
