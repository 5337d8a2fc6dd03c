"""Serializers of billable consultancy in the API: they shape input and output, never decide a rule."""
