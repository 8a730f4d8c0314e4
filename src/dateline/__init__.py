"""Dateline."""
