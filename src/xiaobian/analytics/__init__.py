"""Metrics, sentiment, spikes and reports: pure functions over store queries."""
