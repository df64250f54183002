"""The evaluation harness (not part of the installed package): `python -m assistant eval`
and `python -m assistant bench` import it from a checkout."""
