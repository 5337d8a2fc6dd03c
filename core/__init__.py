"""The shared kernel: domain errors and their one mapping to forms and HTTP, periods and the time
zone, read-only admin mixins, API plumbing and the history of settings edits.

It imports no other app of the project: every app may import it.
"""
